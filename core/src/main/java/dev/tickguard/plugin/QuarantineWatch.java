package dev.tickguard.plugin;

import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Counts, per step, the runs in a row that were abandoned (the step ignored its deadline and
 * interruption): a {@link TickEvent.StepAbandoned}, or a run refused because an abandoned one is
 * still hung ({@link StepCause#HUNG}), or whose own fallback code threw or hung
 * ({@link TickEvent.FallbackFailed}), or that ended with no result at all (its safe default gave nothing:
 * a CRITICAL such step would hold the system in EMERGENCY). A run that ends by itself (success, error or timeout) resets the count. When the
 * count reaches the limit, {@code quarantine} is called once with the step id and a reason.
 *
 * <p>Thread-safe. Called on the event bus's listener thread ({@code tickguard-events-plugins-quarantine});
 * {@link #reset} on the plugin manager thread.
 */
final class QuarantineWatch implements java.util.function.Consumer<TickEvent> {
    private final int limit;
    private final BiConsumer<String, String> quarantine;
    private final Map<String, Integer> streaks = new ConcurrentHashMap<>();
    /** Steps whose current run had a fallback failure (its StepFinished must not reset the count). */
    private final java.util.Set<String> fallbackFailed = ConcurrentHashMap.newKeySet();

    /**
     * @param limit abandoned runs in a row that trigger the quarantine
     * @param quarantine called with the step id and the reason
     */
    QuarantineWatch(int limit, BiConsumer<String, String> quarantine) {
        this.limit = limit;
        this.quarantine = quarantine;
    }

    @Override
    public void accept(TickEvent event) {
        if (event instanceof TickEvent.StepAbandoned e) {
            // A run counts once: its fallback failing first (published before its end) counted it already.
            if (!fallbackFailed.contains(e.stepId())) {
                count(e.stepId(), Kind.ABANDONED);
            }
        } else if (event instanceof TickEvent.FallbackFailed e) {
            // Its own fallback code threw or hung: counted once per run, like an abandoned run.
            if (fallbackFailed.add(e.stepId())) {
                count(e.stepId(), Kind.FALLBACK);
            }
        } else if (event instanceof TickEvent.StepFinished e) {
            StepRecord r = e.step();
            if (fallbackFailed.remove(r.id()) || r.abandoned()) {
                return; // counted by its FallbackFailed or StepAbandoned
            }
            if (r.cause() == StepCause.HUNG) {
                count(r.id(), Kind.ABANDONED); // refused: its abandoned run is still hung
            } else if (r.outcome() == StepOutcome.FAILED) {
                // No result from anywhere: its run failed and its safe default gave nothing (null, empty).
                // A CRITICAL one keeps the system in EMERGENCY, so it must not be able to do so forever.
                count(r.id(), Kind.NO_RESULT);
            } else if (r.outcome() == StepOutcome.SUCCESS || r.cause() == StepCause.ERROR
                    || r.cause() == StepCause.TIMEOUT || r.cause() == StepCause.DEPENDENCY_OPEN
                    || r.cause() == StepCause.DEPENDENCY_FAILED
                    || ((r.cause() == StepCause.BUDGET || r.cause() == StepCause.TICK_LIMIT) && r.fallback() != null)) {
                // It ran and ended by itself, or (skipped for time) its fallback answered: "in a row" is broken.
                // Not a breaker's refusal: a step that stays hung opens its breaker, and that must not reset it.
                streaks.remove(r.id()); // it ran and ended by itself
            }
        }
    }

    /** What a counted run did wrong, for the quarantine's reason. */
    private enum Kind { ABANDONED, FALLBACK, NO_RESULT }

    private void count(String stepId, Kind kind) {
        int n = streaks.merge(stepId, 1, Integer::sum);
        if (n == limit) {
            quarantine.accept(stepId, switch (kind) {
                case FALLBACK -> "the fallback code of step '" + stepId + "' threw or hung " + n + " runs in a row; "
                        + "fix it, then re-enable the plugin";
                case NO_RESULT -> "step '" + stepId + "' had no result at all " + n + " runs in a row (its run failed "
                        + "and its safe default gave nothing); fix it, then re-enable the plugin";
                case ABANDONED -> "step '" + stepId + "' was abandoned " + n + " runs in a row (it ignores its "
                        + "deadline and interruption); fix it, then re-enable the plugin";
            });
        }
    }

    /** Forgets a step's count (its plugin was re-enabled or replaced). */
    void reset(String stepId) {
        streaks.remove(stepId);
    }
}
