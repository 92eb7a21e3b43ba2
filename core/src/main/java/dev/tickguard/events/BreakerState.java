package dev.tickguard.events;

import java.util.Locale;

/**
 * The state of a circuit breaker as users see it.
 */
public enum BreakerState {
    /** Calls go through. */
    CLOSED,
    /** Too many failures: calls are refused at once and go to the fallback. */
    OPEN,
    /** Trying to recover: a trial call decides between CLOSED and OPEN. */
    HALF_OPEN,
    /** Held open (by the user or chaos), whatever the calls do, until released: refuses every call. */
    FORCED_OPEN,
    /**
     * Held closed by the user until released: lets every call through and counts nothing toward
     * opening (Resilience4j calls this DISABLED).
     */
    FORCED_CLOSED;

    /** Lower-case name for logs and the journal, e.g. {@code "half_open"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the states held by a user's choice rather than by the calls' outcomes. */
    public boolean isForced() {
        return this == FORCED_OPEN || this == FORCED_CLOSED;
    }

    /** True for the states that refuse calls. */
    public boolean refusesCalls() {
        return this == OPEN || this == FORCED_OPEN;
    }
}
