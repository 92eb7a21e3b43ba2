package dev.tickguard.engine;

import java.time.Duration;

/** Defaults of the persistence settings that depend on other settings. */
final class PersistenceDefaults {
    /** An interrupted tick older than this is closed, not resumed, unless configured: at least 5 minutes. */
    static final Duration MIN_RESUME_MAX_AGE = Duration.ofMinutes(5);

    private PersistenceDefaults() {
    }

    /** The tick interval, at least 5 minutes: a tick older than its next one's start is stale. */
    static Duration resumeMaxAge(Duration interval) {
        return interval.compareTo(MIN_RESUME_MAX_AGE) > 0 ? interval : MIN_RESUME_MAX_AGE;
    }
}
