package dev.tickguard.events;

import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;

/**
 * What one step did in one tick: a row of the timeline and of the journal.
 *
 * @param id the step id
 * @param priority its effective priority
 * @param phase its phase
 * @param startMs when it started, in ms from the tick's start
 * @param durationMs how long it took (until its result or its deadline)
 * @param timeoutMs its effective timeout in this tick
 * @param outcome how it ended
 * @param cause why it did not produce its own result, or {@code null} on success
 * @param fallback which fallback produced the result, or {@code null}
 * @param error the failure's message, or {@code null}
 * @param abandoned true if its thread ignored the deadline and was left behind
 * @param ranOn where it ran if not in the agent, e.g. {@code "worker w1 on gpu-box"}; {@code null} = here
 * @param attempt which delivery of the step's message the recorded result came from: 1, or more when a
 *     worker died holding the message and the broker handed it to another (the quorum queue's delivery count)
 */
public record StepRecord(String id, Priority priority, Phase phase, long startMs, long durationMs, long timeoutMs,
                         StepOutcome outcome, StepCause cause, FallbackSource fallback, String error,
                         boolean abandoned, String ranOn, int attempt) {

    /** A record of a step whose result came from its first attempt. */
    public StepRecord(String id, Priority priority, Phase phase, long startMs, long durationMs, long timeoutMs,
                      StepOutcome outcome, StepCause cause, FallbackSource fallback, String error, boolean abandoned,
                      String ranOn) {
        this(id, priority, phase, startMs, durationMs, timeoutMs, outcome, cause, fallback, error, abandoned, ranOn, 1);
    }

    /** A record of a step that ran here (in the agent). */
    public StepRecord(String id, Priority priority, Phase phase, long startMs, long durationMs, long timeoutMs,
                      StepOutcome outcome, StepCause cause, FallbackSource fallback, String error, boolean abandoned) {
        this(id, priority, phase, startMs, durationMs, timeoutMs, outcome, cause, fallback, error, abandoned, null, 1);
    }

    /** True if the step ended with a result of any kind. */
    public boolean hasResult() {
        return outcome == StepOutcome.SUCCESS || fallback != null;
    }
}
