package dev.tickguard.control;

import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.TickEvent;
import java.time.Duration;
import java.util.Objects;

/**
 * One circuit breaker as a front end shows it. Immutable.
 *
 * @param name e.g. {@code step:monologue}, {@code ollama:chat}
 * @param state the state users see: {@code FORCED_OPEN} / {@code FORCED_CLOSED} while forced, else
 *              the breaker's own {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
 * @param circuit the breaker's own state underneath a forced one ({@code CLOSED}, {@code OPEN} or
 *                {@code HALF_OPEN}); frozen while forced, since no call is counted then
 * @param mode who decides the state
 * @param readyToProbe OPEN with no delay left: the next call is a trial (the breaker half-opens lazily)
 * @param consecutiveFailures failures in a row counted by the breaker in its current state
 * @param successRate successful share of the executions the breaker has recorded in its current
 *                    state (its window), 0..1; 1 when it recorded none
 * @param executions how many executions that window holds
 * @param untilHalfOpen while OPEN, the time left until a trial call is allowed; else zero
 * @param lastTransition the last state change with its time and reason, or {@code null} if none yet
 */
public record BreakerStatus(String name, BreakerState state, BreakerState circuit, BreakerMode mode,
                            boolean readyToProbe, long consecutiveFailures, double successRate, long executions,
                            Duration untilHalfOpen, TickEvent.BreakerChanged lastTransition) {
    public BreakerStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(untilHalfOpen, "untilHalfOpen");
    }
}
