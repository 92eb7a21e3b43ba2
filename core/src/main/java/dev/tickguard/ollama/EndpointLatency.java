package dev.tickguard.ollama;

import java.util.Arrays;

/**
 * The last {@code capacity} call latencies of one endpoint, with nearest-rank percentiles for its
 * tile and metrics (the control layer's windows sit above this package). Thread-safe.
 */
final class EndpointLatency {
    private final long[] ring;
    private int next;
    private int count;

    EndpointLatency(int capacity) {
        ring = new long[capacity];
    }

    synchronized void add(long ms) {
        ring[next] = ms;
        next = (next + 1) % ring.length;
        count = Math.min(count + 1, ring.length);
    }

    /** The {@code q} quantile (0..1) in ms, or -1 before the first call. */
    synchronized long percentile(double q) {
        if (count == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(ring, count);
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(q * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, idx))];
    }
}
