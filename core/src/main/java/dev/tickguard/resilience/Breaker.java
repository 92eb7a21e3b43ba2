package dev.tickguard.resilience;

import dev.failsafe.CircuitBreaker;
import dev.tickguard.events.BreakerState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One named circuit breaker: a Failsafe {@link CircuitBreaker} plus a chaos gate.
 *
 * <p>Failsafe's {@code open()} is not sticky (the breaker half-opens after its delay), so a forced
 * state is our own flag checked before the breaker: while forced, callers must not call through
 * ({@link #isForcedOpen()}), and the Failsafe breaker is left alone so its counts stay honest.
 * Failsafe moves OPEN to HALF_OPEN lazily (on the next call); {@link #snapshot()} therefore
 * reports "ready to probe" once the remaining delay is zero. Thread-safe.
 */
public final class Breaker {
    private final String name;
    private final CircuitBreaker<Object> circuit;
    private final AtomicBoolean forced = new AtomicBoolean();
    private final Consumer<Transition> onChange;

    /** A state change, reported to the registry. */
    record Transition(String breaker, BreakerState from, BreakerState to, String reason) {
    }

    Breaker(String name, int failureThreshold, Duration delay, int successThreshold, Consumer<Transition> onChange) {
        this.name = name;
        this.onChange = onChange;
        this.circuit = CircuitBreaker.builder()
                .withFailureThreshold(failureThreshold)
                .withDelay(delay)
                .withSuccessThreshold(successThreshold)
                .onOpen(e -> report(map(e.getPreviousState()), BreakerState.OPEN,
                        failureThreshold + " failure" + (failureThreshold == 1 ? "" : "s") + " in a row"))
                .onHalfOpen(e -> report(map(e.getPreviousState()), BreakerState.HALF_OPEN,
                        "delay of " + delay.toMillis() + "ms passed, probing"))
                .onClose(e -> report(map(e.getPreviousState()), BreakerState.CLOSED, "probe succeeded"))
                .build();
    }

    private void report(BreakerState from, BreakerState to, String reason) {
        onChange.accept(new Transition(name, from, to, forced.get() ? reason + " (while forced open)" : reason));
    }

    private static BreakerState map(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED -> BreakerState.CLOSED;
            case OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
        };
    }

    /** The breaker's name, e.g. {@code "step:monologue"}. */
    public String name() {
        return name;
    }

    /** The Failsafe policy, to compose into an execution. */
    public CircuitBreaker<Object> circuit() {
        return circuit;
    }

    /** True while chaos holds this breaker open. */
    public boolean isForcedOpen() {
        return forced.get();
    }

    /** The state users see: FORCED_OPEN while forced, else the Failsafe state. */
    public BreakerState state() {
        return forced.get() ? BreakerState.FORCED_OPEN : map(circuit.getState());
    }

    /** Holds the breaker open until {@link #release()}. */
    public void forceOpen() {
        BreakerState before = state();
        if (forced.compareAndSet(false, true)) {
            onChange.accept(new Transition(name, before, BreakerState.FORCED_OPEN, "forced open by chaos"));
        }
    }

    /** Ends a forced open; the breaker resumes from its own state. */
    public void release() {
        if (forced.compareAndSet(true, false)) {
            onChange.accept(new Transition(name, BreakerState.FORCED_OPEN, state(), "released by chaos"));
        }
    }

    /** Closes the breaker and clears its counts (e.g. after the user fixed the cause). */
    public void reset() {
        circuit.close();
    }

    /** A consistent reading for display. */
    public BreakerSnapshot snapshot() {
        BreakerState s = state();
        long remaining = circuit.isOpen() ? circuit.getRemainingDelay().toMillis() : 0;
        return new BreakerSnapshot(name, s, circuit.getFailureCount(), circuit.getSuccessCount(),
                circuit.getExecutionCount(), remaining, s == BreakerState.OPEN && remaining <= 0);
    }
}
