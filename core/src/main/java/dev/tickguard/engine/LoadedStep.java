package dev.tickguard.engine;

import dev.tickguard.config.StepOverride;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import java.time.Duration;
import java.util.Comparator;

/**
 * A step as the engine runs it: the plugin's instance with its descriptors read once, the user's
 * overrides applied, and its breaker.
 *
 * @param step the plugin's instance
 * @param id its id
 * @param priority its effective priority (the user's override, else the step's own)
 * @param phase its phase
 * @param order its order within the phase
 * @param timeout its configured timeout (the user's override, else the step's own)
 * @param breaker its breaker, {@code step:<id>}
 * @param source where it came from: {@code "built-in"} or a plugin JAR's file name
 */
public record LoadedStep(Step step, String id, Priority priority, Phase phase, int order, Duration timeout,
                         Breaker breaker, String source) {

    /** Phase 1 first, then by order, then by id. */
    public static final Comparator<LoadedStep> RUN_ORDER = Comparator.comparing(LoadedStep::phase)
            .thenComparingInt(LoadedStep::order).thenComparing(LoadedStep::id);

    /** Reads a step's descriptors and applies the user's override. */
    static LoadedStep of(Step step, StepOverride override, Breaker breaker, String source) {
        return new LoadedStep(step, step.id(),
                override.priority() != null ? override.priority() : step.priority(),
                step.phase(), step.order(),
                override.timeout() != null ? override.timeout() : step.timeout(),
                breaker, source);
    }
}
