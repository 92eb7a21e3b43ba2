package dev.tickguard.config;

import java.time.Duration;

/**
 * The {@code cache:} section of config.yaml.
 *
 * @param maxAge the oldest cached result a fallback may use ({@code cache.max_age_sec}, note: 300 s)
 */
public record CacheSettings(Duration maxAge) {
    /** The design note's number. */
    public static CacheSettings defaults() {
        return new CacheSettings(Duration.ofSeconds(300));
    }
}
