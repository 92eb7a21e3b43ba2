package dev.tickguard.config;

import java.time.Duration;

/**
 * The {@code tick:} section of config.yaml.
 *
 * @param interval time between tick starts, 0 = back to back ({@code tick.interval_sec}, note: 60 s)
 * @param limit the longest a whole tick may take ({@code tick.limit_sec}, note: 120 s)
 * @param abandonGrace how long a step interrupted at its deadline may take to return before it
 *     counts as abandoned ({@code tick.abandon_grace_sec}, 0.1 s)
 */
public record TickSettings(Duration interval, Duration limit, Duration abandonGrace) {
    /** The design note's numbers. */
    public static TickSettings defaults() {
        return new TickSettings(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofMillis(100));
    }

    public TickSettings withInterval(Duration d) {
        return new TickSettings(d, limit, abandonGrace);
    }

    public TickSettings withLimit(Duration d) {
        return new TickSettings(interval, d, abandonGrace);
    }

    public TickSettings withAbandonGrace(Duration d) {
        return new TickSettings(interval, limit, d);
    }
}
