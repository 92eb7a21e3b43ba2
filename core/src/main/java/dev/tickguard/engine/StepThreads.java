package dev.tickguard.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads steps run on ({@code tickguard-step-N}): every step run, fallback and step
 * continuation. Threads are made when needed and end after a minute idle.
 *
 * <p><b>What bounds them.</b> Ticks never overlap, and within a tick at most every parallel step
 * runs at once, each with at most one continuation, and a step's fallback code runs on a thread of
 * its own while its caller waits; a step that ignores its deadline is abandoned, and while it is
 * hung its next run is refused ({@link AbandonedThreads}), so each step holds at most one abandoned
 * thread. So a tick of N steps needs at most about 3N + 1 threads. The pool is also capped at
 * {@link #DEFAULT_MAX} (room for over 80 steps): a task beyond the cap is refused at once
 * ({@link RejectedExecutionException}, "all 256 step threads are busy"), never queued; a refused step
 * ends as a failure with its fallback, like any other, and the tick never waits for a thread. Two
 * kinds of short-lived work get a thread of their own when the pool is full, because a tick needs
 * them to end: a step's fallback code ({@link PluginCall}) and the deadline timer's hand-over of a
 * continuation ({@link StepAttempt}).
 *
 * <p>Thread-safe; {@link #execute} is called by the tick's thread, step threads and the deadline timer.
 */
final class StepThreads implements Executor {
    /** The cap on step threads alive at once. */
    static final int DEFAULT_MAX = 256;

    private final ThreadPoolExecutor pool;

    StepThreads(int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max step threads must be >= 2, not " + max);
        }
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> new StepThread(r, "tickguard-step-" + n.incrementAndGet()));
    }

    /** @throws RejectedExecutionException if {@code max} threads are busy, or after {@link #shutdownNow} */
    @Override
    public void execute(Runnable r) {
        try {
            pool.execute(r);
        } catch (RejectedExecutionException e) {
            // In words: this message ends up in the refused step's record.
            throw new RejectedExecutionException(pool.isShutdown() ? "not started: the engine is closing"
                    : "not started: all " + pool.getMaximumPoolSize() + " step threads are busy");
        } catch (OutOfMemoryError e) {
            // "unable to create native thread": the OS refuses threads (a plugin leaking them): refused like a full pool.
            throw new RejectedExecutionException("not started: the system refuses new threads (" + e.getMessage() + ")");
        }
    }

    /** Interrupts the running step threads and refuses new work. */
    void shutdownNow() {
        pool.shutdownNow();
    }

    /** The most step threads alive at once so far. */
    int peak() {
        return pool.getLargestPoolSize(); // the pool keeps its largest size ever
    }

    /** Step threads alive now (running or idle). */
    int alive() {
        return pool.getPoolSize();
    }
}
