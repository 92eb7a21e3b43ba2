package dev.tickguard.control.internal;

import dev.tickguard.control.LatencyPercentiles;
import java.util.Arrays;

/** The last {@code capacity} durations in a ring, with nearest-rank percentiles. Not thread-safe. */
final class LatencyWindow {
    private final long[] ring;
    private int next;
    private int count;

    LatencyWindow(int capacity) {
        ring = new long[capacity];
    }

    void add(long ms) {
        ring[next] = ms;
        next = (next + 1) % ring.length;
        count = Math.min(count + 1, ring.length);
    }

    LatencyPercentiles percentiles() {
        if (count == 0) {
            return LatencyPercentiles.NONE;
        }
        long[] sorted = Arrays.copyOf(ring, count);
        Arrays.sort(sorted);
        return new LatencyPercentiles(rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), count);
    }

    private static long rank(long[] sorted, double q) {
        int idx = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
