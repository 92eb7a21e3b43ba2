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
