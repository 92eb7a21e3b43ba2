package dev.tickguard.events;

import java.util.Locale;

/** Which link of the fallback chain produced a result. */
public enum FallbackSource {
    /** The step's own {@code fallback(...)}. */
    CUSTOM,
    /** The step's last good result from an earlier tick. */
    CACHE,
    /** The step's {@code safeDefault()}. */
    DEFAULT;

    /** Lower-case name for the journal. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
