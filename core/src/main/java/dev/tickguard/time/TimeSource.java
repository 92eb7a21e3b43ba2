package dev.tickguard.time;

import java.time.Instant;

/**
 * Where Tickguard reads time: a monotonic nanosecond counter for durations and deadlines, and the
 * wall clock for timestamps. Budgets, cache ages, durations and the journal all read it; tests
 * inject a manual one. (Failsafe's breaker delays and timeouts use real time.) Implementations
 * must be thread-safe.
 */
public interface TimeSource {

    /** A monotonic reading in nanoseconds, only meaningful as a difference. */
    long nanoTime();

    /** The current wall-clock time. */
    Instant now();

    /** The system's clocks. */
    static TimeSource system() {
        return SystemTime.INSTANCE;
    }
}
