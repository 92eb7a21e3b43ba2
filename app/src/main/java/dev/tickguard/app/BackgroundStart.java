package dev.tickguard.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

    private BackgroundStart() {
    }

    /** Starts creating at once, on the thread {@code tickguard-start}. */
    static BackgroundStart begin(Creation creation) {
        BackgroundStart s = new BackgroundStart();
        Thread t = new Thread(() -> {
            try {
                s.ready.complete(creation.create());
            } catch (Exception | Error e) {
                s.ready.completeExceptionally(e);
            }
        }, "tickguard-start");
        // Not a daemon: a creation under way finishes (or fails and closes what it opened) before the JVM ends.
        t.start();
        return s;
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
        return await();
    }
}
