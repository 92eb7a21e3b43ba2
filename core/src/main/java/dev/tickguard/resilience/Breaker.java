package dev.tickguard.resilience;

import dev.failsafe.CircuitBreaker;
import dev.tickguard.events.BreakerState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One named circuit breaker: a Failsafe {@link CircuitBreaker} plus a user's gate in front of it.
 *
 * <p>Callers use it as a permit: {@link #tryAcquirePermit()} before a call, then exactly one of
 * {@link #recordSuccess()}, {@link #recordFailure()} or {@link #releaseCancelled()} after it. The
 * last one is for a call its caller gave up on (a step at its deadline cancelling its LLM call):
 * that says nothing about the service, so it is not a failure; a half-open trial that was
 * cancelled proves nothing either, and the breaker goes back to OPEN for another delay (Failsafe
 * has no public way to hand a half-open permit back).
 *
 * <p>Failsafe's {@code open()} is not sticky (the breaker half-opens after its delay), so a forced
 * state is our own flag checked before the breaker: while forced open callers must not call at all
 * ({@link #isForcedOpen()}); while forced closed every permit is granted and no outcome is recorded,
 * so every call goes through and nothing counts toward opening. Either way the Failsafe breaker is
 * left alone and its state is frozen until the force is released. Failsafe moves OPEN to HALF_OPEN
 * lazily (on the next permit); {@link #snapshot()} therefore reports "ready to probe" once the
 * remaining delay is zero.
 *
 * <p>State changes are reported in the order they happened: each report is made under this
 * breaker's lock and describes the move from the last reported state to the state at that moment,
 * so a listener that applies them always ends on the true state. Thread-safe.
 */
public final class Breaker {
    private final String name;
    private final CircuitBreaker<Object> circuit;
    /** Null (auto), FORCED_OPEN or FORCED_CLOSED. Changed under reportLock; read freely. */
    private volatile BreakerState forced;
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private final Consumer<Transition> onChange;
    /** Told of every move of the state: each Failsafe callback, reported or not, and each force or release. */
    private final Runnable moved;
    private final int failureThreshold;
    private final Duration delay;
    private final Object reportLock = new Object();
    // Guarded by reportLock.
    private BreakerState reported = BreakerState.CLOSED;
    /** Why the next OPEN happens, when we open it ourselves (a cancelled trial). */
    private volatile String openReason;

    /** A state change, reported to the registry. */
    record Transition(String breaker, BreakerState from, BreakerState to, String reason) {
    }

    Breaker(String name, int failureThreshold, Duration delay, int successThreshold, Consumer<Transition> onChange,
            Runnable moved) {
        this.name = name;
        this.onChange = onChange;
        this.moved = moved;
        this.failureThreshold = failureThreshold;
        this.delay = delay;
        this.circuit = CircuitBreaker.builder()
                .withFailureThreshold(failureThreshold)
                .withDelay(delay)
                .withSuccessThreshold(successThreshold)
                .onOpen(e -> changed(e.getPreviousState()))
                .onHalfOpen(e -> changed(e.getPreviousState()))
                .onClose(e -> changed(e.getPreviousState()))
                .build();
    }

    /** Called by Failsafe after a transition (outside its lock, possibly racing another one). */
    private void changed(CircuitBreaker.State previous) {
        // First, and even when there is nothing to report: Failsafe calls back after its lock, so two
        // quick transitions may leave the state as last reported while a reading in between saw another.
        moved.run();
        synchronized (reportLock) {
            BreakerState now = state();
            if (now == reported) {
                return;
            }
            String reason = reasonFor(now, previous);
            BreakerState f = forced;
            onChange.accept(new Transition(name, reported, now,
                    f != null && now != f ? reason + " (while " + f.label() + ")" : reason));
            reported = now;
        }
    }

    private String reasonFor(BreakerState to, CircuitBreaker.State previous) {
        return switch (to) {
            case OPEN -> {
                String own = openReason;
                if (own != null) {
                    openReason = null;
                    yield own;
                }
                yield previous == CircuitBreaker.State.HALF_OPEN ? "trial call failed"
                        : failureThreshold + " failure" + (failureThreshold == 1 ? "" : "s") + " in a row";
            }
            case HALF_OPEN -> "delay of " + delay.toMillis() + "ms passed, probing";
            case CLOSED -> "trial call succeeded";
            case FORCED_OPEN -> "forced open";
            case FORCED_CLOSED -> "forced closed";
        };
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

    /**
     * Asks to make a call: false while OPEN (with delay left) or while a half-open trial is out.
     * Moves OPEN to HALF_OPEN once the delay has passed. Always true while forced closed. Does not
     * look at the forced-open gate ({@link #isForcedOpen()}).
     */
    public boolean tryAcquirePermit() {
        return isForcedClosed() || circuit.tryAcquirePermit();
    }

    /** The permitted call succeeded (not counted while forced closed). */
    public void recordSuccess() {
        if (!isForcedClosed()) {
            consecutiveFailures.set(0);
            circuit.recordSuccess();
        }
    }

    /** The permitted call failed (not counted while forced closed). */
    public void recordFailure() {
        if (!isForcedClosed()) {
            consecutiveFailures.incrementAndGet();
            circuit.recordFailure();
        }
    }

    /**
     * The permitted call was cancelled by its caller: not a failure of the service. A cancelled
     * half-open trial sends the breaker back to OPEN for another delay.
     */
    public void releaseCancelled() {
        if (!isForcedClosed() && circuit.isHalfOpen()) {
            openReason = "trial call cancelled by its caller; next trial after " + delay.toMillis() + "ms";
            circuit.open();
        }
    }

    /** True while held open: callers must not call. */
    public boolean isForcedOpen() {
        return forced == BreakerState.FORCED_OPEN;
    }

    /** True while held closed: every call goes through and nothing is counted. */
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
        force(BreakerState.FORCED_OPEN);
    }

    /** Holds the breaker closed until {@link #release()}: every call goes through, none is counted. */
    public void forceClosed() {
        force(BreakerState.FORCED_CLOSED);
    }

    private void force(BreakerState to) {
        synchronized (reportLock) {
            if (forced != to) {
                forced = to;
                moved.run();
                onChange.accept(new Transition(name, reported, to, reasonFor(to, null)));
                reported = to;
            }
        }
    }

    /** Ends a forced state; the breaker resumes from its own state. */
    public void release() {
        synchronized (reportLock) {
            if (forced != null) {
                forced = null;
                moved.run();
                BreakerState now = state();
                onChange.accept(new Transition(name, reported, now, "released"));
                reported = now;
            }
        }
    }

    /** Closes the breaker and clears its counts (e.g. after the user fixed the cause). */
    public void reset() {
        circuit.close();
        consecutiveFailures.set(0);
    }

    /** Failures in a row, as the breaker counted them (calls while forced closed are not counted). */
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
