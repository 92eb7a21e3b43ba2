package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.chaos.StepFaults;
import dev.tickguard.time.TimeSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One run of a step on a pool thread, as a future Failsafe can cancel.
 *
 * <p>Failsafe's timeout cancels this future at the deadline; cancelling completes it at once (so
 * the tick never waits for the step), sets the step's cancellation flag and interrupts the thread.
 * A thread that is still running then is abandoned: counted, and left to finish on its own; its
 * result is discarded.
 */
final class StepInvocation extends CompletableFuture<Object> implements Runnable {
    /** A step returned nothing usable. */
    static final class InvalidResultException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidResultException(String message) {
            super(message);
        }
    }

    /** The step's previous run is still hung, so this one is refused. */
    static final class StillHungException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StillHungException(String stepId) {
            super("step '" + stepId + "' is still hung from an earlier tick; not started again");
        }
    }

    private final LoadedStep step;
    private final TickStepContext context;
    private final StepFaults faults;
    private final AbandonedThreads abandoned;
    private final TimeSource time;
    private final AdaptiveTimeouts adaptive;

    // Guarded by this.
    private Thread runner;
    private boolean finished;
    private boolean wasAbandoned;

    StepInvocation(LoadedStep step, TickStepContext context, StepFaults faults, AbandonedThreads abandoned,
                   TimeSource time, AdaptiveTimeouts adaptive) {
        this.step = step;
        this.context = context;
        this.faults = faults;
        this.abandoned = abandoned;
        this.time = time;
        this.adaptive = adaptive;
    }

    /** Starts the run on {@code threads}; the returned future is this invocation. */
    StepInvocation start(Executor threads) {
        if (abandoned.isHung(step.id())) {
            completeExceptionally(new StillHungException(step.id()));
            return this;
        }
        try {
            threads.execute(this);
        } catch (RejectedExecutionException e) {
            completeExceptionally(e);
        }
        return this;
    }

    @Override
    public void run() {
        synchronized (this) {
            if (isDone()) {
                return;
            }
            runner = Thread.currentThread();
        }
        try {
            long t0 = time.nanoTime();
            faults.beforeRun(step.id());
            JsonNode result = step.step().run(context);
            if (result == null || result.isMissingNode()) {
                throw new InvalidResultException("step '" + step.id() + "' returned no result");
            }
            if (complete(result)) {
                adaptive.recordSuccess(step.id(), time.nanoTime() - t0);
            }
        } catch (Throwable t) {
            completeExceptionally(t);
        } finally {
            synchronized (this) {
                finished = true;
                runner = null;
                if (wasAbandoned) {
                    abandoned.returned(step.id());
                }
                // Clear an interrupt aimed at this run so it cannot hit the pool thread's next task.
                Thread.interrupted();
            }
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        // Mark and interrupt first: completing the future runs the rest of the pipeline on this thread,
        // and the step's record must already say whether the thread was left behind.
        context.cancel();
        synchronized (this) {
            if (runner != null && !finished && !isDone()) {
                runner.interrupt();
                if (!wasAbandoned) {
                    wasAbandoned = true;
                    abandoned.abandoned(step.id());
                }
            }
        }
        return super.cancel(mayInterruptIfRunning);
    }

    /** True if the thread was still running when the run was cancelled (and may still be). */
    synchronized boolean wasAbandoned() {
        return wasAbandoned;
    }

    /** The name of the thread running the step, or {@code null}. */
    synchronized String threadName() {
        return runner == null ? null : runner.getName();
    }
}
