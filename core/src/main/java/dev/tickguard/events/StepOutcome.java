package dev.tickguard.events;

/** How a step ended in a tick. */
public enum StepOutcome {
    /** The step produced its own result. */
    SUCCESS,
    /** The step failed or was refused; a fallback produced the result. */
    FALLBACK,
    /** The step was not run (budget spent, tick limit, tick stopped); a fallback may stand in. */
    SKIPPED,
    /** The step failed and no fallback had anything: there is no result at all. */
    FAILED
}
