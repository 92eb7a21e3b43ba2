package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.Fallback;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.failsafe.spi.Scheduler;
import dev.tickguard.chaos.StepFaults;
import dev.tickguard.events.EventBus;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.ResultJson;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one step through its Failsafe pipeline:
 * {@code Fallback(custom -> cached -> default)} around {@code CircuitBreaker(step:<id>)} around
 * {@code Timeout(effective timeout, interrupt)}, with the chaos gate in front of the breaker.
 *
 * <p>The step itself runs on a pool thread as a cancellable {@link StepInvocation}; Failsafe's
 * timeout cancels it at the deadline, so a step that ignores interruption is abandoned, never
 * waited for (Failsafe's own timeout would wait: failsafe#263). Thread-safe.
 */
final class StepRunner {
    /** Failsafe hands async work to a scheduler; ours runs it inline to save a thread hop. */
    private static final Scheduler INLINE = StepRunner::runInline;

    private final FallbackChain fallbacks;
    private final ResultCache cache;
    private final AdaptiveTimeouts adaptive;
    private final StepFaults faults;
    private final AbandonedThreads abandoned;
    private final EventBus bus;
    private final dev.tickguard.time.TimeSource time;
    private final ExecutorService threads;

    StepRunner(FallbackChain fallbacks, ResultCache cache, AdaptiveTimeouts adaptive, StepFaults faults,
               AbandonedThreads abandoned, EventBus bus, dev.tickguard.time.TimeSource time, ExecutorService threads) {
        this.fallbacks = fallbacks;
        this.cache = cache;
        this.adaptive = adaptive;
        this.faults = faults;
        this.abandoned = abandoned;
        this.bus = bus;
        this.time = time;
        this.threads = threads;
    }

    /** Marks a failure whose cause the journal names explicitly. */
    private static final class ForcedOpenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForcedOpenException(String breaker) {
            super("breaker " + breaker + " is forced open by chaos");
        }
    }

    /** The step was not run: budget spent, tick limit reached. */
    static final class NotRunException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotRunException(String message) {
            super(message);
        }
    }

    /** The step and its fallbacks produced nothing. */
    private static final class NoResultException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final StepCause cause;

        NoResultException(StepCause cause, Throwable failure) {
            super(failure);
            this.cause = cause;
        }
    }

    /** An answer from the Failsafe pipeline: the value and which fallback gave it (null: the step itself). */
    private record Answer(JsonNode value, FallbackSource source, StepCause cause, Throwable failure) {
    }

    /**
     * A step ready to run: its result future (complete by the deadline, plus scheduling jitter)
     * exists before the step starts, so the caller can attach its continuation first.
     */
    record Prepared(CompletableFuture<StepResult> result, Runnable start) {
    }

    /**
     * Prepares a step run with its timeout already armed; call {@code start} to run it.
     *
     * @param inline run the step on the calling thread if that is a free step thread
     * @param tickStartNanos the tick's start, for the record's start offset
     */
    Prepared prepare(LoadedStep step, TickStepContext context, Duration timeout, long tickStartNanos, boolean inline) {
        long t0 = time.nanoTime();
        long timeoutMs = Math.max(1, timeout.toMillis());
        bus.publish(new TickEvent.StepStarted(time.now(), context.tick(), step.id(), step.priority(), step.phase(),
                timeoutMs));
        if (step.breaker().isForcedOpen()) {
            CompletableFuture<StepResult> r = new CompletableFuture<>();
            return new Prepared(r, () -> {
                Answer a = fallback(step, context, new ForcedOpenException(step.breaker().name()));
                r.complete(finish(step, context, a, null, t0, tickStartNanos, timeoutMs));
            });
        }
        StepInvocation invocation = new StepInvocation(step, context, faults, abandoned, time, adaptive);
        dev.failsafe.function.CheckedFunction<dev.failsafe.event.ExecutionAttemptedEvent<?>, Object> chain =
                e -> fallback(step, context, e.getLastException());
        Fallback<Object> fallback = Fallback.<Object>of(chain);
        Timeout<Object> deadline = Timeout.builder(Duration.ofMillis(timeoutMs)).withInterrupt().build();
        // Forced closed: no breaker in the pipeline, so every run goes through and none is counted.
        CompletableFuture<Object> pipeline = (step.breaker().isForcedClosed()
                ? Failsafe.with(fallback).compose(deadline)
                : Failsafe.with(fallback).compose(step.breaker().circuit()).compose(deadline))
                .with(INLINE)
                .getStageAsync(invocation::request);
        CompletableFuture<StepResult> result = pipeline.handle((value, error) -> {
            Answer a;
            if (error == null) {
                a = value instanceof Answer fb ? fb : new Answer((JsonNode) value, null, null, null);
            } else {
                Throwable e = unwrap(error);
                StepCause cause = e instanceof NoResultException nr ? nr.cause
                        : e instanceof CancellationException ? StepCause.ABORTED : StepCause.ERROR;
                Throwable failure = e instanceof NoResultException ? e.getCause() : e;
                a = new Answer(null, null, cause, failure);
            }
            return finish(step, context, a, invocation, t0, tickStartNanos, timeoutMs);
        });
        // Cancelling the result (the engine is stopping) must reach the step's thread.
        result.whenComplete((r, e) -> {
            if (e instanceof CancellationException) {
                pipeline.cancel(true);
                invocation.cancel(true);
            }
        });
        return new Prepared(result, () -> invocation.start(threads, inline));
    }

    /**
     * Records a step that is not run (budget spent, tick limit) and gives it a fallback result.
     */
    StepResult skip(LoadedStep step, TickStepContext context, StepCause cause, String why, long tickStartNanos) {
        long t0 = time.nanoTime();
        Optional<FallbackChain.Resolved> r = fallbacks.resolve(step, context, new NotRunException(why), time.now());
        Answer a = new Answer(r.map(FallbackChain.Resolved::value).orElse(null),
                r.map(FallbackChain.Resolved::source).orElse(null), cause, new NotRunException(why));
        return finish(step, context, a, null, t0, tickStartNanos, 0);
    }

    /** Records a step that is not run because the tick stopped; no fallback is used. */
    StepResult abort(LoadedStep step, TickStepContext context, String why, long tickStartNanos) {
        return finish(step, context, new Answer(null, null, StepCause.ABORTED, new NotRunException(why)), null,
                time.nanoTime(), tickStartNanos, 0);
    }

    private Answer fallback(LoadedStep step, TickStepContext context, Throwable failure) {
        StepCause cause = causeOf(failure);
        Optional<FallbackChain.Resolved> r = fallbacks.resolve(step, context, failure, time.now());
        if (r.isEmpty()) {
            throw new NoResultException(cause, failure);
        }
        return new Answer(r.get().value(), r.get().source(), cause, failure);
    }

    private static StepCause causeOf(Throwable failure) {
        if (failure instanceof TimeoutExceededException) {
            return StepCause.TIMEOUT;
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return StepCause.BREAKER_OPEN;
        }
        if (failure instanceof ForcedOpenException) {
            return StepCause.FORCED;
        }
        return StepCause.ERROR;
    }

    private StepResult finish(LoadedStep step, TickStepContext context, Answer a, StepInvocation invocation, long t0,
                              long tickStartNanos, long timeoutMs) {
        long end = time.nanoTime();
        StepOutcome outcome;
        if (a.cause() == null) {
            outcome = StepOutcome.SUCCESS;
            cache.put(step.id(), a.value(), time.now());
        } else if (a.cause() == StepCause.BUDGET || a.cause() == StepCause.TICK_LIMIT
                || a.cause() == StepCause.ABORTED) {
            outcome = StepOutcome.SKIPPED;
        } else if (a.value() != null) {
            outcome = StepOutcome.FALLBACK;
        } else {
            outcome = StepOutcome.FAILED;
        }
        boolean wasAbandoned = invocation != null && invocation.wasAbandoned();
        String error = a.failure() == null ? null : describe(a.failure(), a.cause(), timeoutMs);
        StepRecord record = new StepRecord(step.id(), step.priority(), step.phase(),
                (t0 - tickStartNanos) / 1_000_000, (end - t0) / 1_000_000, timeoutMs, outcome, a.cause(),
                a.source(), error, wasAbandoned);
        if (wasAbandoned) {
            bus.publish(new TickEvent.StepAbandoned(time.now(), context.tick(), step.id(),
                    String.valueOf(invocation.threadName()), abandoned.current()));
        }
        bus.publish(new TickEvent.StepFinished(time.now(), context.tick(), record,
                a.value() == null ? null : ResultJson.of(a.value().toString())));
        return new StepResult(a.value(), record);
    }

    private static String describe(Throwable t, StepCause cause, long timeoutMs) {
        if (cause == StepCause.TIMEOUT) {
            return "timed out after " + timeoutMs + "ms";
        }
        if (cause == StepCause.BREAKER_OPEN) {
            return "breaker open";
        }
        String msg = t.getMessage();
        if (t instanceof StepInvocation.InvalidResultException || t instanceof NotRunException
                || t instanceof ForcedOpenException || t instanceof StepInvocation.StillHungException) {
            return msg;
        }
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static ScheduledFuture<?> runInline(Callable<?> task, long delay, TimeUnit unit) {
        if (delay > 0) {
            return Scheduler.DEFAULT.schedule(task, delay, unit);
        }
        try {
            task.call();
        } catch (Exception e) {
            throw new CompletionException(e);
        }
        return DONE;
    }

    private static final ScheduledFuture<Object> DONE = new ScheduledFuture<>() {
        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(0, o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    };
}
