package dev.tickguard.app.ui;

import java.util.Arrays;

/**
 * Pulse intervals and UI work per pulse, from the pump: the status line's figures and the
 * ui-storm bench's. Keeps the last {@link #WINDOW} pulses plus the all-time maximum gap. FX thread only.
 */
public final class FrameStats implements FxPump.PulseListener {
    static final int WINDOW = 4_096;
    private final long[] pulses = new long[WINDOW];
    private final long[] work = new long[WINDOW];
    private int count;
    private int next;
    private long maxPulse;
    private long total;
    /** A pulse this long is a visible stall (3 frames at 60 fps): counted, and the longest kept. */
    static final long LONG_NANOS = 50_000_000L;
    private long longPulses;
    private long longMostlyWork;
    private long maxWork;
    /** The longest pulses as {pulse, work, items}, longest first (at most 5). */
    private final java.util.List<long[]> longest = new java.util.ArrayList<>();

    @Override
    public void pulse(long pulseNanos, long workNanos, int items) {
        if (pulseNanos <= 0) {
            return;
        }
        pulses[next] = pulseNanos;
        work[next] = workNanos;
        next = (next + 1) % WINDOW;
        count = Math.min(WINDOW, count + 1);
        maxPulse = Math.max(maxPulse, pulseNanos);
        total++;
        maxWork = Math.max(maxWork, workNanos);
        if (pulseNanos >= LONG_NANOS) {
            // Ours when the pump's work was most of it; else rendering, layout, GC or a CPU-starved FX thread.
            longPulses++;
            if (workNanos * 2 > pulseNanos) {
                longMostlyWork++;
            }
            longest.add(new long[] {pulseNanos, workNanos, items});
            longest.sort((x, y) -> Long.compare(y[0], x[0]));
            if (longest.size() > 5) {
                longest.remove(5);
            }
        }
    }

    /** Pulses of 50 ms or more since the window opened (or the last reset). */
    public long longPulses() {
        return longPulses;
    }

    /** Of those, the pulses in which the pump's own work took more than half. */
    public long longPulsesMostlyWork() {
        return longMostlyWork;
    }

    /** The most the pump's work took in one pulse, in ms. */
    public double maxWorkMs() {
        return maxWork / 1e6;
    }

    /** The five longest pulses, e.g. "212 ms (pump work 3.1 ms, 40 items)", longest first. */
    public String longestPulses() {
        return longest.stream().map(p -> String.format(java.util.Locale.ROOT, "%.0f ms (pump work %.1f ms, %d items)",
                p[0] / 1e6, p[1] / 1e6, p[2])).collect(java.util.stream.Collectors.joining("; "));
    }

    /** The 99th percentile of the time between pulses, in ms (16.7 at 60 fps). */
    public double pulseP99Ms() {
        return p99(pulses);
    }

    /** The 99th percentile of the pump's work per pulse, in ms. */
    public double workP99Ms() {
        return p99(work);
    }

    /** The longest time between two pulses since the window opened, in ms: the worst stall. */
    public double maxPulseMs() {
        return maxPulse / 1e6;
    }

    /** Pulses seen. */
    public long pulses() {
        return total;
    }

    /** Forgets everything (the bench calls it after the first frame). */
    public void reset() {
        count = 0;
        next = 0;
        maxPulse = 0;
        total = 0;
        longPulses = 0;
        longMostlyWork = 0;
        maxWork = 0;
        longest.clear();
    }

    /** The 99th percentile of the time between the last {@code n} pulses, in ms (the status line's figure). */
    public double recentPulseP99Ms(int n) {
        return p99(pulses, Math.min(n, count));
    }

    /** The 99th percentile of the pump's work in the last {@code n} pulses, in ms. */
    public double recentWorkP99Ms(int n) {
        return p99(work, Math.min(n, count));
    }

    private double p99(long[] values) {
        return p99(values, count);
    }

    /** The p99 of the newest {@code n} values of a ring. */
    private double p99(long[] values, int n) {
        if (n == 0) {
            return 0;
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = values[(next - 1 - i + WINDOW) % WINDOW];
        }
        Arrays.sort(v);
        return v[(int) Math.ceil(0.99 * n) - 1] / 1e6;
    }
}
