package dev.tickguard.config;

import java.time.Duration;

/**
 * Adaptive timeouts: once a step has {@code minSamples} successful runs, its timeout becomes
 * {@code clamp(factor x p95 of the last window runs, minTimeout, configured timeout)}.
 */
public record AdaptiveSettings(boolean enabled, int minSamples, int window, double factor, Duration minTimeout) {
    /** On, after 20 samples, over the last 100 runs, 3 x p95, never under 1 s. */
    public static AdaptiveSettings defaults() {
        return new AdaptiveSettings(true, 20, 100, 3.0, Duration.ofSeconds(1));
    }
}
