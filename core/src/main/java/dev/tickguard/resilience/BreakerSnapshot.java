package dev.tickguard.resilience;

import dev.tickguard.events.BreakerState;

/**
 * A breaker as the dashboard shows it.
 *
 * @param name the breaker's name
 * @param state its state (FORCED_OPEN while chaos holds it)
 * @param failures failures among the recorded executions
 * @param successes successes among the recorded executions
 * @param executions recorded executions in the current state
 * @param remainingDelayMs while OPEN, time until a trial call is allowed
 * @param readyToProbe OPEN with no delay left: the next call will be a trial (Failsafe half-opens lazily)
 */
public record BreakerSnapshot(String name, BreakerState state, long failures, long successes, long executions,
                              long remainingDelayMs, boolean readyToProbe) {
}
