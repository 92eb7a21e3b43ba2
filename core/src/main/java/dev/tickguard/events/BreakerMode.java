package dev.tickguard.events;

/**
 * Who decides a breaker's state. Both forced modes are sticky until the breaker is set back to
 * {@link #AUTO}, and each is an active chaos entry ({@code force-open:<breaker>},
 * {@code force-closed:<breaker>}): removing that entry is setting the breaker back to AUTO.
 */
public enum BreakerMode {
    /** The calls' outcomes decide (CLOSED, OPEN, HALF_OPEN), as configured. */
    AUTO,
    /** Refuses every call; the callers use their fallbacks. */
    FORCE_OPEN,
    /** Lets every call through and counts nothing toward opening. */
    FORCE_CLOSED
}
