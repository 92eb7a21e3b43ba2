package dev.tickguard.spi;

import java.util.Locale;

/**
 * How much a step matters to a tick. Each priority has its own time budget per tick.
 */
public enum Priority {
    /** Must run: the tick is meaningless without it (monologue, goal_selection, action, after_action). */
    CRITICAL,
    /** Should run: skipped only when the important budget of the tick is spent. */
    IMPORTANT,
    /** Runs if there is time: the first to be skipped. */
    OPTIONAL;

    /** The lower-case name used in logs and in the journal, e.g. {@code "critical"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
