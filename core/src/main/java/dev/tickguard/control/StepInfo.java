package dev.tickguard.control;

import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import java.time.Duration;

/**
 * One step as a front end lists it. Immutable.
 *
 * @param id the step id
 * @param priority its effective priority (configuration overrides the plugin's)
 * @param phase 1 (sequential) or 2 (parallel)
 * @param order its order within the phase
 * @param configuredTimeout its configured timeout (the ceiling)
 * @param currentTimeout its timeout as last used (adapted to its latency), or the configured one
 * @param lastTickMs how long it ran in the last finished tick (its use of its priority's budget), or -1
 * @param source {@code "built-in"} or the plugin JAR's file name
 * @param enabled false if {@code steps.<id>.enabled: false} in the configuration (it never runs)
 * @param breaker its breaker's name, {@code step:<id>}
 */
public record StepInfo(String id, Priority priority, Phase phase, int order, Duration configuredTimeout,
                       Duration currentTimeout, long lastTickMs, String source, boolean enabled, String breaker) {
}
