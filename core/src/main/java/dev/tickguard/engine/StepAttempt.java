package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.time.TimeSource;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One run of a step with its deadline, handing its {@link Ending} to a continuation exactly once,
 * on a step thread.
 *
 * <p>Whoever claims the ending runs the continuation: normally the step's own thread when the
 * step returns. At the deadline the {@link DeadlineTimer} interrupts the step and gives it a short
 * grace; a step that returns within it still ends on its own thread (as a timeout, not abandoned).
 * One that does not is <em>abandoned</em>: counted, left to finish on its own (its result is then
 * discarded), and the continuation moves to another step thread. So a step that never returns
 * costs one thread, never the tick, wherever it runs in the tick's chain of continuations.
 *
 * <p>Threads: started by the tick's thread or a step thread; runs on a {@link StepThreads} thread;
 * {@link #expire} is called by the {@code tickguard-deadlines} timer thread, which only signals.
 */
final class StepAttempt implements Runnable, DeadlineTimer.Watched {
    private static final Logger LOG = Logger.getLogger(StepAttempt.class.getName());

    /** How a run ended; {@code value} and {@code failure} are only meaningful if it returned in time. */
    record Ending(JsonNode value, Throwable failure, boolean timedOut, String stoppedBy, String abandonedThread,
                  long startNanos, long endNanos) {
    }

    /** A step returned nothing usable. */
    static final class InvalidResultException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidResultException(String message) {
            super(message);
        }
    }

    private static final int RUNNING = 0;
    private static final int INTERRUPTED = 1;
    private static final int CLAIMED = 2;

    private final LoadedStep step;
    private final TickStepContext context;
    private final StepFaults faults;
    private final AbandonedThreads abandoned;
    private final TimeSource time;
    private final DeadlineTimer timer;
    private final Executor threads;
    private final long graceNanos;
    private final Consumer<Ending> then;
    private final AtomicInteger phase = new AtomicInteger(RUNNING);
    private volatile long deadline = Long.MAX_VALUE;
    private long timeoutNanos;
    private volatile String stoppedBy;
    private long startNanos;

    // Guarded by this: the thread running the step while it runs; interrupts happen under the same lock.
    private Thread runner;
    private boolean markedAbandoned;

    StepAttempt(LoadedStep step, TickStepContext context, StepFaults faults, AbandonedThreads abandoned, TimeSource time,
                DeadlineTimer timer, Executor threads, long graceNanos, Consumer<Ending> then) {
        this.step = step;
        this.context = context;
        this.faults = faults;
        this.abandoned = abandoned;
        this.time = time;
        this.timer = timer;
        this.threads = threads;
        this.graceNanos = graceNanos;
        this.then = then;
    }

    /**
     * Arms the deadline and runs the step: right here if {@code inline} and this is a step thread
     * (the one that finished the previous step: no hand-off), else on a pool thread.
     */
    void start(long timeoutNanos, boolean inline) {
        this.timeoutNanos = timeoutNanos;
        startNanos = time.nanoTime();
        if (inline && StepThread.current()) {
            run();
            return;
        }
        try {
            threads.execute(this);
        } catch (RejectedExecutionException e) {
            if (phase.compareAndSet(RUNNING, CLAIMED)) {
                // Its message is already in words ("not started: all 256 step threads are busy").
                deliver(new Ending(null, new StepRunner.PlainFailure(e.getMessage()), false, stoppedBy, null, startNanos,
                        time.nanoTime()));
            }
        }
    }

    /** Stops the run as if its deadline had come now (the engine is stopping, or the tick's safety net fired). */
    void stop(String reason) {
        stoppedBy = reason;
        // Under the lock, like every other move of a running attempt's deadline, so that a stop can
        // never cut short the grace the timer has just started.
        synchronized (this) {
            if (phase.get() != RUNNING) {
                return;
            }
            deadline = System.nanoTime();
        }
        timer.watch(this);
    }

    @Override
    public void run() {
        synchronized (this) {
            if (phase.get() != RUNNING) {
                return; // stopped before a thread took it; the timer ends it
            }
            runner = Thread.currentThread();
            // The deadline counts from when the step really starts, so a busy machine's delay in handing
            // it a thread does not eat its timeout. Stopped already: its deadline is now.
            deadline = System.nanoTime() + (stoppedBy != null ? 0 : timeoutNanos);
            context.armed(deadline);
        }
        timer.watch(this);
        if (stoppedBy != null && deadline - System.nanoTime() > 0) {
            stop(stoppedBy); // a stop that raced the line above
        }
        JsonNode value = null;
        Throwable failure = null;
        // The LLM client reads the deadline (to wait for a cooling-down endpoint only if it fits) and the step's id.
        dev.tickguard.time.StepScope.enter(step.id(), context.tick(), this::deadlineNanos);
        try {
            faults.beforeRun(step.id());
            value = step.step().run(context);
            if (value == null || value.isMissingNode()) {
                throw new InvalidResultException("step '" + step.id() + "' returned no result");
            }
            value = PluginNodes.own(value); // here, under the deadline: nothing later runs the plugin's nodes
        } catch (Throwable t) {
            // Read here, while the deadline still runs: a plugin's exception whose message or cause
            // blocks is then a step that hangs (interrupted, abandoned), never a stalled continuation.
            failure = ReadFailure.of(t);
        } finally {
            dev.tickguard.time.StepScope.leave();
        }
        long end = time.nanoTime();
        synchronized (this) {
            runner = null;
            if (markedAbandoned) {
                abandoned.returned(step.id());
            }
        }
        // An interrupt aimed at this run must not hit the thread's next task (it is cleared after the
        // lock: every interrupt of this run happens under it).
        Thread.interrupted();
        if (phase.compareAndSet(RUNNING, CLAIMED)) {
            deadline = Long.MAX_VALUE; // the timer drops it when it next looks
            deliver(new Ending(value, failure, false, null, null, startNanos, end));
        } else if (phase.compareAndSet(INTERRUPTED, CLAIMED)) {
            // Returned within the grace after its interrupt: a timeout (or a stop), but not abandoned.
            deadline = Long.MAX_VALUE;
            deliver(new Ending(null, failure, stoppedBy == null, stoppedBy, null, startNanos, end));
        }
        // Otherwise the run was abandoned and its continuation already moved on: drop the result.
    }

    @Override
    public long deadlineNanos() {
        return deadline;
    }

    /** On the timer thread: interrupt at the deadline; at the end of the grace, abandon and hand over. */
    @Override
    public long expire(long now) {
        synchronized (this) {
            if (phase.compareAndSet(RUNNING, INTERRUPTED)) {
                context.cancel();
                if (runner != null) {
                    runner.interrupt();
                }
                deadline = now + graceNanos;
                return deadline;
            }
        }
        if (phase.compareAndSet(INTERRUPTED, CLAIMED)) {
            deadline = Long.MAX_VALUE;
            String left = null;
            synchronized (this) {
                if (runner != null) {
                    left = runner.getName();
                    markedAbandoned = true;
                    abandoned.abandoned(step.id());
                }
            }
            Ending e = new Ending(null, null, stoppedBy == null, stoppedBy, left, startNanos, time.nanoTime());
            handOver(() -> deliver(e));
        }
        return Long.MAX_VALUE;
    }

    /** The timer only signals: the continuation runs on a step thread. */
    private void handOver(Runnable r) {
        try {
            threads.execute(r);
        } catch (RejectedExecutionException closing) {
            Thread t = new StepThread(r, "tickguard-step-handover");
            t.start();
        }
    }

    private void deliver(Ending e) {
        try {
            then.accept(e);
        } catch (RuntimeException | Error ex) {
            LOG.log(Level.SEVERE, "continuation after step '" + step.id() + "' failed", ex);
        }
    }
}
