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
    /** Held open by chaos, whatever the calls do, until released. */
    FORCED_OPEN;

    /** Lower-case name for logs and the journal, e.g. {@code "half_open"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the states that refuse calls. */
    public boolean refusesCalls() {
        return this == OPEN || this == FORCED_OPEN;
    }
}
