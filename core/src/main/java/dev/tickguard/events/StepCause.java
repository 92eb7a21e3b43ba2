package dev.tickguard.events;

import java.util.Locale;

/** Why a step did not produce its own result. */
public enum StepCause {
    /** It threw, returned null, or returned something malformed. */
    ERROR,
    /** It ran past its effective timeout. */
    TIMEOUT,
    /** Its breaker was open and refused the call. */
    BREAKER_OPEN,
    /** Its priority's budget for this tick was spent. */
    BUDGET,
    /** Its breaker was forced open by chaos. */
    FORCED,
    /** The tick's own time limit was reached before it could run. */
    TICK_LIMIT,
    /** The tick stopped early (a critical step had no result, or the engine is stopping). */
    ABORTED,
    /** Not started: its run in an earlier tick ignored its deadline and has still not returned. */
    HUNG,
    /**
     * It failed because a breaker it depends on (the LLM's) refused its call: the dependency's
     * failure, counted by that breaker, not the step's own (its breaker does not count it).
     */
    DEPENDENCY_OPEN,
    /**
     * It failed because an LLM call it made failed (Ollama unreachable, an error, an unusable answer):
     * counted by the LLM's breaker, not the step's own.
     */
    DEPENDENCY_FAILED;

    /** Lower-case name for the journal, e.g. {@code "breaker_open"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
