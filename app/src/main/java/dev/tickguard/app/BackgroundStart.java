package dev.tickguard.app;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Creates the runtime (data folder lock, database, plugins, engine) on its own thread, so the window
 * can show its first frame meanwhile instead of waiting for the database (issue 19: opening a large
 * one took 14-19 s). Whoever closes it (the window closed, SIGTERM) waits for a creation under way
 * to end and closes what it made: a start that is cut short never leaves the data folder locked or a
 * thread running. Thread-safe.
 */
final class BackgroundStart {
    /** What is run in the background: {@link TickguardRuntime#create}, or a test's stand-in. */
    interface Creation {
        TickguardRuntime create() throws Exception;
    }

    private final CompletableFuture<TickguardRuntime> ready = new CompletableFuture<>();
    // Guarded by this.
    private boolean closed;
    /** Why the run stops, when a signal asked ({@link #stopFor}); null for a plain close. Guarded by this. */
    private String why;

    /** Open once the creation may begin (see {@link #afterFirstFrame}). */
    private final CountDownLatch gate = new CountDownLatch(1);

    private BackgroundStart() {
    }

    /** Starts creating at once, on the thread {@code tickguard-start}. */
    static BackgroundStart begin(Creation creation) {
        BackgroundStart s = new BackgroundStart();
        s.gate.countDown();
        s.run(creation, Duration.ZERO);
        return s;
    }

    /**
     * Starts creating once the window's first frame is on screen ({@link #release}), or after
     * {@code longest} if it never gets there. On a 2-core machine the creation (plugins, database,
     * engine, and the JIT compiling them) took CPU from the toolkit and the starting frame: launch to
     * the first frame 1.5-2.0 s with both at once, 1.15-1.17 s with the creation after it, and the
     * dashboard no later (3.1-3.3 s against 3.2-3.6 s; it waits for the frame anyway). A start closed
     * before its creation began creates nothing.
     */
    static BackgroundStart afterFirstFrame(Creation creation, Duration longest) {
        BackgroundStart s = new BackgroundStart();
        s.run(creation, longest);
        return s;
    }

    /** The window's first frame is on screen: the creation may begin. Idempotent. */
    void release() {
        gate.countDown();
    }

    private void run(Creation creation, Duration longest) {
        Thread t = new Thread(() -> {
            try {
                gate.await(longest.toMillis(), TimeUnit.MILLISECONDS);
                if (isClosed()) {
                    ready.complete(null); // closed before it began: nothing to create, nothing to close
                    return;
                }
                ready.complete(creation.create());
            } catch (Exception | Error e) {
                ready.completeExceptionally(e);
            }
        }, "tickguard-start");
        // Not a daemon: a creation under way finishes (or fails and closes what it opened) before the JVM ends.
        t.start();
    }

    /**
     * Runs {@code ok} with the runtime once it is created and if this start was not closed meanwhile,
     * else {@code failed} with why it could not be created; both through {@code on} (the FX thread).
     */
    void whenDone(Consumer<Runnable> on, Consumer<TickguardRuntime> ok, Consumer<Throwable> failed) {
        ready.whenComplete((rt, e) -> on.accept(() -> {
            if (e != null) {
                failed.accept(e);
            } else if (!isClosed()) {
                ok.accept(rt);
            }
        }));
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Waits for the creation under way (if any) and returns the runtime, or null if it failed. */
    TickguardRuntime await() {
        try {
            return ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null; // reported by whenDone's failed
        }
    }

    /** Waits for the creation to end; why it failed, or null if it did not. */
    Throwable failure() {
        try {
            ready.get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Stops what was created (see {@link TickguardRuntime#close()}), for the reason {@link #stopFor} gave if any; idempotent. */
    void close() {
        TickguardRuntime rt = closing();
        String reason;
        synchronized (this) {
            reason = why;
        }
        if (rt != null) {
            if (reason == null) {
                rt.close();
            } else {
                rt.close(reason);
            }
        }
    }

    /**
     * Says why the coming {@link #close()} stops the run (a signal: {@link WindowSignals}): the running
     * tick's {@code abort_reason}, whichever thread closes. The first reason stays.
     */
    synchronized void stopFor(String reason) {
        if (why == null) {
            why = reason;
        }
    }

    /** The reason {@link #stopFor} gave, or null. */
    synchronized String stopReason() {
        return why;
    }

    /** What the shutdown hook runs (SIGTERM, SIGINT): as {@link #close()}, saying why the process stops. */
    void closeForShutdown() {
        String reason;
        synchronized (this) {
            reason = why;
        }
        if (reason != null) {
            close(); // a signal's stop the window did not finish in time (WindowSignals): its reason, not "System.exit called"
            return;
        }
        TickguardRuntime rt = closing();
        if (rt != null) {
            rt.closeForShutdown();
        }
    }

    /** Marks this start closed (a runtime created from now on is not shown) and waits for the creation. */
    private TickguardRuntime closing() {
        synchronized (this) {
            closed = true;
        }
        gate.countDown(); // a creation not yet begun ends at once, creating nothing
        return await();
    }
}
