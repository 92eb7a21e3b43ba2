package dev.tickguard.config;

import java.time.Duration;

/**
 * The {@code persistence.*} section: how long the database keeps ticks, and which interrupted tick is
 * resumed at start (issue 19).
 *
 * @param keepTicks {@code persistence.keep_ticks}: the most ticks kept (with their step runs); older
 *     ones are pruned in the background; 0 keeps all
 * @param keepDays {@code persistence.keep_days}: ticks older than this many days are pruned; 0 keeps all
 * @param resumeMaxAge {@code persistence.resume_max_age_sec}: an interrupted tick that started longer
 *     ago than this is closed as aborted at start instead of resumed; 0 (the default) means the tick
 *     interval, at least 5 minutes
 */
public record PersistenceSettings(int keepTicks, int keepDays, Duration resumeMaxAge) {
    /** Measured at about 9 KB per tick of the built-in steps with their results: 30 days of a tick a minute is about 390 MB. */
    public static PersistenceSettings defaults() {
        return new PersistenceSettings(50_000, 30, Duration.ZERO);
    }
}
