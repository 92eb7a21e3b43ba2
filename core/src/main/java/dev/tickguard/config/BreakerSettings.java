package dev.tickguard.config;

import java.time.Duration;

/**
 * How every circuit breaker behaves (note: 3 failures in a row open it; after 60 s it half-opens;
 * one successful trial closes it).
 *
 * @param failureThreshold consecutive failures that open the breaker
 * @param delay how long it stays open before it lets a trial call through
 * @param successThreshold consecutive successful trials that close it again
 */
public record BreakerSettings(int failureThreshold, Duration delay, int successThreshold) {
    /** The design note's numbers. */
    public static BreakerSettings defaults() {
        return new BreakerSettings(3, Duration.ofSeconds(60), 1);
    }
}
