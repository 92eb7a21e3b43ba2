package dev.tickguard.spi;

/**
 * The health of the whole system, as decided by the health monitor. Steps may read it from
 * {@link StepContext#mode()} to do less when the system is struggling.
 */
public enum SystemMode {
    /** Everything works. */
    NORMAL,
    /** Some component is unavailable (a check failed, a breaker is open, the LLM is slow): fallbacks are in use. */
    DEGRADED,
    /** The cause cleared; the system is proving itself before it is called normal again. */
    RECOVERY,
    /** A critical resource failed: ticks are skipped until it recovers. */
    EMERGENCY
}
