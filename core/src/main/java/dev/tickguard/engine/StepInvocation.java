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

    /** Set when Failsafe asks for the run; an open breaker never asks. */
    private volatile boolean requested;
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

    /**
     * Starts the run: on the calling thread if {@code inline} and the caller is a free step thread
     * (the one that just finished the previous step), else on {@code threads}.
     */
    void start(Executor threads, boolean inline) {
        if (!requested) {
            return;
        }
        if (abandoned.isHung(step.id())) {
            completeExceptionally(new StillHungException(step.id()));
            return;
        }
        if (inline && StepThread.current()) {
            run();
            return;
        }
        try {
            threads.execute(this);
        } catch (RejectedExecutionException e) {
            completeExceptionally(e);
        }
    }

    /** Failsafe's supplier: marks the run as wanted and hands Failsafe the future to watch. */
    StepInvocation request() {
        requested = true;
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
        JsonNode result = null;
        Throwable failure = null;
        try {
            long t0 = time.nanoTime();
            faults.beforeRun(step.id());
            result = step.step().run(context);
            if (result == null || result.isMissingNode()) {
                throw new InvalidResultException("step '" + step.id() + "' returned no result");
            }
            if (!isDone()) {
                adaptive.recordSuccess(step.id(), time.nanoTime() - t0);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            synchronized (this) {
                finished = true;
                runner = null;
                if (wasAbandoned) {
                    abandoned.returned(step.id());
                }
                // Clear an interrupt aimed at this run so it cannot hit this thread's next task.
                Thread.interrupted();
            }
        }
        // Completing runs the tick's continuation on this thread: do it only once the run is fully closed.
        if (failure == null) {
            complete(result);
        } else {
            completeExceptionally(failure);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        // Mark and interrupt first: completing the future runs the rest of the pipeline on this thread,
        // and the step's record must already say whether the thread was left behind.
        context.cancel();
        synchronized (this) {
            if (runner != null && !finished) {
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
