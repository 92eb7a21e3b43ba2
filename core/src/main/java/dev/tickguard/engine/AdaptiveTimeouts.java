package dev.tickguard.engine;

import dev.tickguard.config.AdaptiveSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tunes each step's timeout from its measured latency: once a step has {@code minSamples}
 * successful runs, its timeout is {@code clamp(factor x p95 of its last window runs, minTimeout,
 * configured timeout)}. The configured timeout is always the ceiling, so adapting only ever
 * shortens a wait.
 *
 * <p>Timeouts feed back, so a step whose latency rises (a cold model load, a slower model) is
 * never locked out: a run that timed out counts as a sample at its timeout, and each timeout in a
 * row doubles the adapted timeout (up to the configured one) until a run succeeds. Thread-safe.
 */
public final class AdaptiveTimeouts {
    private final AdaptiveSettings settings;
    private final Map<String, Samples> samples = new ConcurrentHashMap<>();
    private final Map<String, Duration> current = new ConcurrentHashMap<>();

    public AdaptiveTimeouts(AdaptiveSettings settings) {
        this.settings = settings;
    }

    /** Records how long a successful run took. */
    public void recordSuccess(String stepId, long nanos) {
        samplesOf(stepId).add(nanos, false);
    }

    /** Records a run that timed out: a sample at its timeout, and one more timeout in a row. */
    public void recordTimeout(String stepId, long timeoutNanos) {
        samplesOf(stepId).add(timeoutNanos, true);
    }

    private Samples samplesOf(String stepId) {
        // A plain get first: this runs after every step, and computeIfAbsent's lambda is not free.
        Samples s = samples.get(stepId);
        return s != null ? s : samples.computeIfAbsent(stepId, k -> new Samples(settings.window()));
    }

    /**
     * The timeout to use for the step's next run, and remembers it as its current value.
     *
     * @param configured the step's configured timeout (the ceiling)
     */
    public Duration timeoutFor(String stepId, Duration configured) {
        Duration t = compute(stepId, configured);
        if (!t.equals(current.get(stepId))) {
            current.put(stepId, t);
        }
        return t;
    }

    private Duration compute(String stepId, Duration configured) {
        Samples s = settings.enabled() ? samples.get(stepId) : null;
        if (s == null) {
            return configured;
        }
        long hi = configured.toNanos();
        long t = s.timeout(settings.minSamples(), settings.factor(), settings.minTimeout().toNanos(), hi);
        return t == hi ? configured : Duration.ofNanos(t);
    }

    /** Each step's timeout as last used, by step id: what the dashboard shows. */
    public Map<String, Duration> current() {
        return new LinkedHashMap<>(current);
    }

    /**
     * The last durations of one step: a ring (to know which sample leaves the window) and the same
     * samples kept sorted, so the p95 is a lookup. A new sample costs two binary searches and a
     * shift of at most the window (no sort, no allocation).
     */
    private static final class Samples {
        private final long[] ring;
        private final long[] sorted;
        private int next;
        private int count;
        private int timeoutsInARow;

        Samples(int window) {
            ring = new long[window];
            sorted = new long[window];
        }

        synchronized void add(long nanos, boolean timedOut) {
            timeoutsInARow = timedOut ? timeoutsInARow + 1 : 0;
            if (count == ring.length) {
                int out = Arrays.binarySearch(sorted, 0, count, ring[next]);
                System.arraycopy(sorted, out + 1, sorted, out, count - out - 1);
                count--;
            }
            int at = Arrays.binarySearch(sorted, 0, count, nanos);
            if (at < 0) {
                at = -at - 1;
            }
            System.arraycopy(sorted, at, sorted, at + 1, count - at);
            sorted[at] = nanos;
            count++;
            ring[next] = nanos;
            next = (next + 1) % ring.length;
        }

        /**
         * {@code clamp(factor x p95, lo, hi)}, relaxed toward {@code hi} by doubling per timeout in a
         * row; {@code hi} until there are {@code minSamples} samples.
         */
        synchronized long timeout(int minSamples, double factor, long lo, long hi) {
            if (count < minSamples) {
                return hi;
            }
            long p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * count) - 1)];
            long adapted = Math.max(lo, (long) (factor * p95));
            int streak = timeoutsInARow;
            if (streak > 0) {
                // Capped before the shift could overflow.
                adapted = streak >= 62 || adapted > (hi >> Math.min(streak, 62)) ? hi : adapted << streak;
            }
            return Math.min(hi, Math.max(lo, adapted));
        }
    }
}
