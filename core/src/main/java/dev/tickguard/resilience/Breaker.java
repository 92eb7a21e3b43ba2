package dev.tickguard.resilience;

import dev.failsafe.CircuitBreaker;
import dev.tickguard.events.BreakerState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One named circuit breaker: a Failsafe {@link CircuitBreaker} plus a user's gate in front of it.
 *
 * <p>Failsafe's {@code open()} is not sticky (the breaker half-opens after its delay), so a forced
 * state is our own flag checked before the breaker: while forced open callers must not call at all
 * ({@link #isForcedOpen()}); while forced closed they call without the Failsafe breaker
 * ({@link #isForcedClosed()}), so every call goes through and nothing counts toward opening. Either
 * way the Failsafe breaker is left alone and its state is frozen until the force is released.
 * Failsafe moves OPEN to HALF_OPEN lazily (on the next call); {@link #snapshot()} therefore reports
 * "ready to probe" once the remaining delay is zero. Thread-safe.
 */
public final class Breaker {
    private final String name;
    private final CircuitBreaker<Object> circuit;
    /** Null (auto), FORCED_OPEN or FORCED_CLOSED. Guarded by this for changes; read freely. */
    private volatile BreakerState forced;
    private final AtomicLong consecutiveFailures = new AtomicLong();
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
                .onSuccess(e -> consecutiveFailures.set(0))
                .onFailure(e -> consecutiveFailures.incrementAndGet())
                .build();
    }

    private void report(BreakerState from, BreakerState to, String reason) {
        BreakerState f = forced;
        onChange.accept(new Transition(name, from, to, f != null ? reason + " (while " + f.label() + ")" : reason));
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

    /** The Failsafe policy, to compose into an execution (not while {@link #isForcedClosed()}). */
    public CircuitBreaker<Object> circuit() {
        return circuit;
    }

    /** True while held open: callers must not call. */
    public boolean isForcedOpen() {
        return forced == BreakerState.FORCED_OPEN;
    }

    /** True while held closed: callers call without the Failsafe breaker, so nothing is counted. */
    public boolean isForcedClosed() {
        return forced == BreakerState.FORCED_CLOSED;
    }

    /** The state users see: FORCED_OPEN / FORCED_CLOSED while forced, else the Failsafe state. */
    public BreakerState state() {
        BreakerState f = forced;
        return f != null ? f : circuitState();
    }

    /** The Failsafe breaker's own state, underneath a forced one. */
    public BreakerState circuitState() {
        return map(circuit.getState());
    }

    /** Holds the breaker open until {@link #release()}. */
    public void forceOpen() {
        force(BreakerState.FORCED_OPEN, "forced open");
    }

    /** Holds the breaker closed until {@link #release()}: every call goes through, none is counted. */
    public void forceClosed() {
        force(BreakerState.FORCED_CLOSED, "forced closed");
    }

    private synchronized void force(BreakerState to, String reason) {
        BreakerState before = state();
        if (forced != to) {
            forced = to;
            onChange.accept(new Transition(name, before, to, reason));
        }
    }

    /** Ends a forced state; the breaker resumes from its own state. */
    public synchronized void release() {
        BreakerState f = forced;
        if (f != null) {
            forced = null;
            onChange.accept(new Transition(name, f, circuitState(), "released"));
        }
    }

    /** Closes the breaker and clears its counts (e.g. after the user fixed the cause). */
    public void reset() {
        circuit.close();
        consecutiveFailures.set(0);
    }

    /** Failures in a row, as the breaker counted them (calls while forced are not counted). */
    public long consecutiveFailures() {
        return consecutiveFailures.get();
    }

    /** A consistent reading for display. */
    public BreakerSnapshot snapshot() {
        BreakerState s = state();
        long remaining = circuit.isOpen() ? circuit.getRemainingDelay().toMillis() : 0;
        return new BreakerSnapshot(name, s, circuit.getFailureCount(), circuit.getSuccessCount(),
                circuit.getExecutionCount(), remaining, s == BreakerState.OPEN && remaining <= 0);
    }
}
