package dev.tickguard.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call of a step's fallback code ({@code fallback}, {@code safeDefault}) under a deadline, the
 * same discipline as a step's run: it runs on a step thread; at the deadline it is interrupted and,
 * if it has not returned within the grace, abandoned (left to finish on its own, its answer
 * dropped) while the caller goes on. Whatever it throws, {@link Error}s included, is its outcome,
 * never the caller's problem. So fallback code can neither stall a tick nor end its chain.
 *
 * <p>Threads: {@link #run} is called on a step thread (a tick's continuation) or the tick's own
 * thread, and blocks at most until the deadline plus the grace; the code runs on a {@link StepThreads}
 * thread.
 *
 * @param <T> what the code returns
 */
final class PluginCall<T> implements Runnable {
    /** How a call ended: its value, or what it threw, or the name of the thread left behind. */
    record Outcome<T>(T value, Throwable failure, String abandonedThread) {
        boolean ok() {
            return failure == null && abandonedThread == null;
        }
    }

    private final Callable<T> code;
    private final Runnable onLateReturn;
    private final CountDownLatch done = new CountDownLatch(1);
    // RUNNING until the code returns (DONE) or the caller gives up on it (ABANDONED), whichever is first.
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;
    private volatile Thread runner;
    private volatile T value;
    private volatile Throwable failure;

    private PluginCall(Callable<T> code, Runnable onLateReturn) {
        this.code = code;
        this.onLateReturn = onLateReturn;
    }

    /**
     * Runs {@code code} on a step thread and waits for it until {@code deadlineNanos}
     * ({@link System#nanoTime()} scale) plus {@code graceNanos}.
     *
     * @param onAbandoned called (on the calling thread) with the thread's name when the call is abandoned
     * @param onLateReturn called (on that thread) if an abandoned call returns after all
     */
    static <T> Outcome<T> run(Callable<T> code, Executor threads, long deadlineNanos, long graceNanos,
                              java.util.function.Consumer<String> onAbandoned, Runnable onLateReturn) {
        PluginCall<T> call = new PluginCall<>(code, onLateReturn);
        try {
            threads.execute(call);
        } catch (RejectedExecutionException full) {
            // Every step thread is busy (or the engine is closing): a fallback is what a refused step needs
            // most, so it gets a thread of its own rather than none.
            try {
                new StepThread(call, "tickguard-fallback").start();
            } catch (OutOfMemoryError noThread) { // the OS refuses threads: this link has nothing
                return new Outcome<>(null, noThread, null);
            }
        }
        try {
            if (!call.done.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                Thread t = call.runner;
                if (t != null) {
                    t.interrupt();
                }
                if (!call.done.await(graceNanos, TimeUnit.NANOSECONDS) && call.abandon()) {
                    String name = t == null ? "a step thread" : t.getName();
                    onAbandoned.accept(name);
                    return new Outcome<>(null, null, name);
                }
            }
        } catch (InterruptedException e) {
            // The caller is being stopped: leave the call behind like a late one, keep the interrupt.
            Thread.currentThread().interrupt();
            Thread t = call.runner;
            if (t != null) {
                t.interrupt();
            }
            if (call.abandon()) {
                String name = t == null ? "a step thread" : t.getName();
                onAbandoned.accept(name);
                return new Outcome<>(null, null, name);
            }
        }
        return new Outcome<>(call.value, call.failure, null);
    }

    /** True if the call was still running and is now abandoned (its end will not be waited for). */
    private boolean abandon() {
        return state.compareAndSet(RUNNING, ABANDONED);
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        try {
            value = code.call();
        } catch (Throwable t) { // anything: a StackOverflowError in plugin code is the plugin's failure
            failure = ReadFailure.of(t); // read here, under the call's deadline: see ReadFailure
        } finally {
            runner = null;
            boolean late = !state.compareAndSet(RUNNING, DONE);
            done.countDown();
            Thread.interrupted(); // a late interrupt must not leak into the pool thread's next task
            if (late) {
                onLateReturn.run();
            }
        }
    }
}
