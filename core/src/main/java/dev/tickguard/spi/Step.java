package dev.tickguard.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * One thinking step of the heavy tick: the unit a plugin provides.
 *
 * <p>The engine finds steps with {@link java.util.ServiceLoader}, so an implementation needs a public
 * no-argument constructor. One instance serves every tick, and phase-2 steps run concurrently with
 * each other, so an implementation must be thread-safe (the simplest way: keep no mutable fields).
 *
 * <p>Every call of {@link #run} is guarded by the engine: a timeout, a circuit breaker of its own
 * (named {@code step:<id>}) and a fallback chain. When {@code run} throws, times out, returns
 * {@code null} or is refused by its open breaker, the engine uses, in order: {@link #fallback}, the
 * step's last good result from an earlier tick (if younger than the configured maximum age), and
 * finally {@link #safeDefault()}. Every fallback is logged and counted.
 *
 * <p>The descriptive methods ({@link #id()}, {@link #priority()}, {@link #phase()},
 * {@link #order()}, {@link #timeout()}) are read once when the step is loaded and must be
 * constant. Priority and timeout can be overridden by the user in {@code config.yaml}.
 */
public interface Step {

    /**
     * The step id: lower-case letters, digits and underscores, unique among loaded steps, e.g.
     * {@code "goal_selection"}. Used in logs, the journal, config keys and breaker names.
     */
    String id();

    /** How much the step matters; decides which time budget it draws on. */
    Priority priority();

    /** Phase 1 (sequential) or phase 2 (parallel). */
    Phase phase();

    /**
     * The position within the phase: lower runs earlier in phase 1; in phase 2 it only orders the
     * display. Ties are broken by id.
     */
    int order();

    /** The longest one run may take; the engine may shorten it (budgets, adaptive timeouts). */
    Duration timeout();

    /**
     * Does the step's work for one tick.
     *
     * <p>The step should honour {@link StepContext#cancelled()} and thread interruption: at its
     * deadline the engine interrupts the thread and moves on without waiting. A step that ignores
     * both is abandoned (and counted as such); its late result is discarded.
     *
     * @param context the tick's context: earlier outputs, the LLM, memory, sandbox folder
     * @return the step's output, a JSON value; never {@code null} (a null result counts as a failure)
     * @throws Exception any failure: the engine turns it into a fallback
     */
    JsonNode run(StepContext context) throws Exception;

    /**
     * The step's own fallback, tried first when {@link #run} did not produce a result. The default
     * offers none.
     *
     * @param context the same context {@code run} saw
     * @param failure why there is no result (the exception thrown, a timeout, an open breaker)
     * @return a substitute output, or empty to let the engine try the cache and then the safe default
     */
    default Optional<JsonNode> fallback(StepContext context, Throwable failure) {
        return Optional.empty();
    }

    /**
     * The last resort: an output that is always safe to use, e.g. for a goal step
     * {@code {"goal": "observe the environment", "action_type": "observe", "risk_level": "low"}}.
     * Must be cheap, never throw and never return {@code null}.
     */
    JsonNode safeDefault();

    /**
     * Called once after the step is loaded and before its first run, on a thread of its own and
     * under a time limit ({@code plugins.hook_timeout_sec}, 5 s by default). A plugin that throws or
     * does not return in time is marked FAILED with the reason and its steps do not run. The default
     * does nothing.
     *
     * @param context the step's settings, data folder and logger
     * @throws Exception any failure: the message becomes the plugin's one-line reason, so make it say
     *     what the user must change (e.g. {@code "settings.min_free_mb must be a number, got 'ten'"})
     */
    default void start(PluginContext context) throws Exception {
    }

    /**
     * Called once when the step is unloaded (its JAR removed or replaced, the plugin disabled,
     * Tickguard stopping), after its last run and under the same time limit as {@link #start}.
     * Release what {@code start} acquired. The default does nothing.
     *
     * @throws Exception any failure: logged, the plugin is unloaded all the same
     */
    default void close() throws Exception {
    }
}
