package dev.tickguard.control;

/**
 * Percentiles of a sliding window of durations (nearest rank), in milliseconds. Immutable.
 *
 * @param samples how many durations the window holds (0: the percentiles are 0)
 */
public record LatencyPercentiles(long p50Ms, long p95Ms, long p99Ms, int samples) {
    /** An empty window. */
    public static final LatencyPercentiles NONE = new LatencyPercentiles(0, 0, 0, 0);
}
