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
 * @param keepResultsDays {@code persistence.keep_results_days}: the steps' results (most of a tick's
 *     bytes) of ticks older than this many days are pruned, their records kept; 0 keeps them as long
 *     as their ticks
 */
public record PersistenceSettings(int keepTicks, int keepDays, Duration resumeMaxAge, int keepResultsDays) {
    /**
     * A year of one tick a minute (366 days of 1,440), results for a week: see docs/data.md#retention
     * for the measured size (schema version 2: a tick's record in columns, results apart).
     */
    public static PersistenceSettings defaults() {
        return new PersistenceSettings(527_040, 365, Duration.ZERO, 7);
    }
}
