package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.ResultJson;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.time.TimeSource;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs one step through its pipeline, outermost first:
 * <ol>
 *   <li>the chaos gate: a forced-open breaker refuses (cause {@code forced});</li>
 *   <li>the step's Failsafe {@code CircuitBreaker} ({@code step:<id>}), used as a permit: an open
 *       breaker refuses (cause {@code breaker_open}); every run that was let through is recorded
 *       as a success or a failure (a timeout is a failure; a run stopped by the engine is
 *       neither);</li>
 *   <li>a step whose earlier run is still hung is not started again (cause {@code hung});</li>
 *   <li>the deadline ({@link StepAttempt} on the engine's {@link DeadlineTimer}): interrupt at
 *       the effective timeout, abandon after the grace;</li>
 *   <li>the fallback chain (custom, cached, safe default) for every run without its own result.</li>
 * </ol>
 * Refused steps get no {@code StepStarted}: only their {@code StepFinished} with the cause.
 * The result reaches the caller's continuation exactly once, on a step thread (or on the calling
 * thread if the step was refused before it ran); the timer thread never runs any of it.
 * Thread-safe.
 */
final class StepRunner {
    private final FallbackChain fallbacks;
    private final ResultCache cache;
    private final AdaptiveTimeouts adaptive;
    private final StepFaults faults;
    private final AbandonedThreads abandoned;
    private final EventBus bus;
    private final TimeSource time;
    private final Executor threads;
    private final DeadlineTimer timer;
    private final long graceNanos;
    private final long tickLimitNanos;

    /** @param tickLimitNanos the tick's limit: no fallback code may run past it (beyond the grace) */
    StepRunner(FallbackChain fallbacks, ResultCache cache, AdaptiveTimeouts adaptive, StepFaults faults,
               AbandonedThreads abandoned, EventBus bus, TimeSource time, Executor threads, DeadlineTimer timer,
               long graceNanos, long tickLimitNanos) {
        this.fallbacks = fallbacks;
        this.cache = cache;
        this.adaptive = adaptive;
        this.faults = faults;
        this.abandoned = abandoned;
        this.bus = bus;
        this.time = time;
        this.threads = threads;
        this.timer = timer;
        this.graceNanos = graceNanos;
        this.tickLimitNanos = tickLimitNanos;
    }

    /** A failure whose message the journal shows as it is. */
    static class PlainFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PlainFailure(String message) {
            super(message);
        }
    }

    /** The step ran past its deadline (given to its custom fallback as the failure). */
    static final class StepTimeoutException extends PlainFailure {
        private static final long serialVersionUID = 1L;

        StepTimeoutException(long timeoutMs) {
            super("timed out after " + timeoutMs + "ms");
        }
    }

    /** The step was not run: budget spent, tick limit reached, breaker open, still hung, tick stopped. */
    static final class NotRunException extends PlainFailure {
        private static final long serialVersionUID = 1L;

        NotRunException(String message) {
            super(message);
        }
    }

    /**
     * Runs a step; {@code then} receives its result exactly once.
     *
     * @param inline run the step on the calling thread if that is a step thread
     * @param tickStartNanos the tick's start, for the record's start offset
     * @param beforeStart sees the attempt before it starts (to be able to stop it)
     * @return the attempt (possibly finished already), or null if the step was refused before it ran
     */
    StepAttempt run(LoadedStep step, TickStepContext context, long timeoutNanos, long tickStartNanos, boolean inline,
                    Consumer<StepAttempt> beforeStart, Consumer<StepResult> then) {
        long t0 = time.nanoTime();
        long timeoutMs = Math.max(1, timeoutNanos / 1_000_000);
        Breaker breaker = step.breaker();
        if (breaker.isForcedOpen()) {
            then.accept(notRun(step, context, StepCause.FORCED, "breaker " + breaker.name() + " is forced open",
                    t0, tickStartNanos, timeoutMs));
            return null;
        }
        if (!breaker.tryAcquirePermit()) {
            then.accept(notRun(step, context, StepCause.BREAKER_OPEN, "breaker " + breaker.name() + " is open", t0,
                    tickStartNanos, timeoutMs));
            return null;
        }
        if (abandoned.isHung(step.id())) {
            // Counted by the breaker, so a step that stays hung opens it and the system shows DEGRADED.
            breaker.recordFailure();
            then.accept(notRun(step, context, StepCause.HUNG, "step '" + step.id()
                    + "' is still hung from an earlier tick; not started again", t0, tickStartNanos, timeoutMs));
            return null;
        }
        bus.publish(new TickEvent.StepStarted(time.now(), context.tick(), step.id(), step.priority(), step.phase(),
                timeoutMs));
        StepAttempt attempt = new StepAttempt(step, context, faults, abandoned, time, timer, threads, graceNanos,
                ending -> then.accept(endedOrFailed(step, context, ending, tickStartNanos, timeoutNanos, timeoutMs)));
        beforeStart.accept(attempt);
        attempt.start(timeoutNanos, inline);
        return attempt;
    }

    /** Runs {@code r} on a step thread; false if the pool refuses it (the engine is closing). */
    boolean onStepThread(Runnable r) {
        try {
            threads.execute(r);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            return false;
        }
    }

    /**
     * {@link #ended}, and if that fails (a bug in the engine: plugin code cannot make it fail) a failed
     * record all the same, so that the tick's continuation always runs and the tick never stalls.
     */
    private StepResult endedOrFailed(LoadedStep step, TickStepContext context, StepAttempt.Ending e, long tickStartNanos,
                                     long timeoutNanos, long timeoutMs) {
        try {
            return ended(step, context, e, tickStartNanos, timeoutNanos, timeoutMs);
        } catch (RuntimeException | Error bug) {
            java.util.logging.Logger.getLogger(StepRunner.class.getName()).log(java.util.logging.Level.SEVERE,
                    "ending step '" + step.id() + "' failed inside the engine; recorded as failed", bug);
            return finish(time.now(), step, context, null, null, StepCause.ERROR,
                    new PlainFailure("engine error while ending the step: " + bug), e.abandonedThread(), e.startNanos(),
                    e.endNanos(), tickStartNanos, timeoutMs);
        }
    }

    /** Turns how the run ended into its result: breaker, adaptive timeout, cache, fallback, record. */
    private StepResult ended(LoadedStep step, TickStepContext context, StepAttempt.Ending e, long tickStartNanos,
                             long timeoutNanos, long timeoutMs) {
        Breaker breaker = step.breaker();
       
        if (e.stoppedBy() != null) {
            breaker.releaseCancelled();
            return finish(time.now(), step, context, null, null, StepCause.ABORTED, new NotRunException(e.stoppedBy()),
                    e.abandonedThread(), e.startNanos(), e.endNanos(), tickStartNanos, timeoutMs);
        }
        if (e.timedOut()) {
            breaker.recordFailure();
            adaptive.recordTimeout(step.id(), timeoutNanos);
            return fallBack(step, context, StepCause.TIMEOUT, new StepTimeoutException(timeoutMs), e.abandonedThread(),
                    e.startNanos(), e.endNanos(), tickStartNanos, timeoutMs);
        }
        if (e.failure() != null) {
            // Read on the step's thread under its deadline (StepAttempt): no plugin code runs here.
            ReadFailure dependency = e.failure() instanceof ReadFailure r ? r.dependency() : null;
            if (dependency != null) {
                // The LLM failed, not the step: its own breaker counts that; the step's must not, or one
                // open LLM breaker opens every step's breaker too and the system stays degraded after it.
                breaker.releaseCancelled();
                return fallBack(step, context, dependency.refused() ? StepCause.DEPENDENCY_OPEN
                        : StepCause.DEPENDENCY_FAILED, dependency, null, e.startNanos(), e.endNanos(), tickStartNanos,
                        timeoutMs);
            }
            breaker.recordFailure();
            return fallBack(step, context, StepCause.ERROR, e.failure(), null, e.startNanos(), e.endNanos(),
                    tickStartNanos, timeoutMs);
        }
        breaker.recordSuccess();
        adaptive.recordSuccess(step.id(), e.endNanos() - e.startNanos());
        Instant now = time.now(); // one clock read for the cache entry and the event
        cache.put(step.id(), e.value(), now);
        return finish(now, step, context, e.value(), null, null, null, null, e.startNanos(), e.endNanos(), tickStartNanos,
                timeoutMs);
    }

    private StepResult notRun(LoadedStep step, TickStepContext context, StepCause cause, String why, long t0,
                              long tickStartNanos, long timeoutMs) {
        return fallBack(step, context, cause, new NotRunException(why), null, t0, time.nanoTime(), tickStartNanos,
                timeoutMs);
    }

    /** Records a step that is not run (budget spent, tick limit) and gives it a fallback result. */
    StepResult skip(LoadedStep step, TickStepContext context, StepCause cause, String why, long tickStartNanos) {
        long t0 = time.nanoTime();
        return fallBack(step, context, cause, new NotRunException(why), null, t0, t0, tickStartNanos, 0);
    }

    /** Records a step that is not run because the tick stopped; no fallback is used. */
    StepResult abort(LoadedStep step, TickStepContext context, String why, long tickStartNanos) {
        long t0 = time.nanoTime();
        return finish(time.now(), step, context, null, null, StepCause.ABORTED, new NotRunException(why), null, t0, t0,
                tickStartNanos, 0);
    }

    private StepResult fallBack(LoadedStep step, TickStepContext context, StepCause cause, Throwable failure,
                                String abandonedThread, long t0, long end, long tickStartNanos, long timeoutMs) {
        // The step's own fallback code gets the step's time again, but never beyond the tick's limit.
        long stepNanos = timeoutMs > 0 ? timeoutMs * 1_000_000 : step.timeout().toNanos();
        long tickLeft = tickLimitNanos - (time.nanoTime() - tickStartNanos);
        // At least the grace, so a step skipped at the tick limit still gets a chance at its own fallback.
        long deadline = System.nanoTime() + Math.max(graceNanos, Math.min(stepNanos, tickLeft));
        StringBuilder linkFailures = new StringBuilder();
        Optional<FallbackChain.Resolved> r = fallbacks.resolve(step, context, failure, time.now(), deadline, f -> {
            linkFailures.append("; ").append(f.link() == FallbackSource.CUSTOM ? "its fallback " : "its safe default ")
                    .append(f.describe());
            bus.publish(new TickEvent.FallbackFailed(time.now(), context.tick(), step.id(), f.link(),
                    f.failure() == null ? null : describe(f.failure()), f.abandonedThread()));
        });
        return finish(time.now(), step, context, r.map(FallbackChain.Resolved::value).orElse(null),
                r.map(FallbackChain.Resolved::source).orElse(null), cause, failure, abandonedThread, t0, end,
                tickStartNanos, timeoutMs, linkFailures.toString());
    }

    private StepResult finish(Instant now, LoadedStep step, TickStepContext context, JsonNode value, FallbackSource source,
                              StepCause cause, Throwable failure, String abandonedThread, long t0, long end,
                              long tickStartNanos, long timeoutMs) {
        return finish(now, step, context, value, source, cause, failure, abandonedThread, t0, end, tickStartNanos,
                timeoutMs, "");
    }

    /** @param linkFailures what went wrong in the fallback chain, appended to the record's error ("" if nothing) */
    private StepResult finish(Instant now, LoadedStep step, TickStepContext context, JsonNode value, FallbackSource source,
                              StepCause cause, Throwable failure, String abandonedThread, long t0, long end,
                              long tickStartNanos, long timeoutMs, String linkFailures) {
        boolean wasAbandoned = abandonedThread != null;
        StepOutcome outcome;
        if (cause == null) {
            outcome = StepOutcome.SUCCESS;
        } else if (cause == StepCause.BUDGET || cause == StepCause.TICK_LIMIT || cause == StepCause.ABORTED) {
            outcome = StepOutcome.SKIPPED;
        } else if (value != null) {
            outcome = StepOutcome.FALLBACK;
        } else {
            outcome = StepOutcome.FAILED;
        }
        String error = failure == null ? null : describe(failure) + linkFailures;
        StepRecord record = new StepRecord(step.id(), step.priority(), step.phase(), (t0 - tickStartNanos) / 1_000_000,
                (end - t0) / 1_000_000, timeoutMs, outcome, cause, source, error, wasAbandoned, context.ranOn(),
                context.attempt());
        if (wasAbandoned) {
            bus.publish(new TickEvent.StepAbandoned(now, context.tick(), step.id(), abandonedThread,
                    abandoned.current()));
        }
        // The value is written as JSON text by whoever reads it, not here on the tick's path.
        bus.publish(new TickEvent.StepFinished(now, context.tick(), record,
                value == null ? null : ResultJson.of(value)));
        return new StepResult(value, record);
    }

    /**
     * A failure in words. Plugin-made throwables arrive here already read ({@link ReadFailure}, on the
     * thread that caught them, under its deadline), so this never runs plugin code.
     */
    private static String describe(Throwable t) {
        Throwable read = t instanceof PlainFailure || t instanceof StepAttempt.InvalidResultException ? t
                : ReadFailure.of(t); // engine-made only (e.g. an OutOfMemoryError refusing a thread)
        return read.getMessage();
    }
}
