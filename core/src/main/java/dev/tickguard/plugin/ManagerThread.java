package dev.tickguard.plugin;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin manager thread, {@code tickguard-plugins}: every look at the folder, every load, hook
 * call and choice runs on it, one at a time, so the plugin state needs no locks and two changes can
 * never interleave. Owned by {@link PluginRegistry}, which creates it and ends it in
 * {@link PluginRegistry#close()}; a daemon, so a registry nobody closes does not keep the JVM alive.
 *
 * <p>Thread-safe: any thread may hand it work.
 */
final class ManagerThread {
    private static final Logger LOG = Logger.getLogger(ManagerThread.class.getName());

    private final ScheduledThreadPoolExecutor executor;

    ManagerThread() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tickguard-plugins");
            t.setDaemon(true);
            return t;
        });
        // A look still scheduled when the registry closes must not run against unloaded plugins.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Runs {@code r} on the thread; the future completes once it has run, exceptionally with what it
     * threw. Failures other than a refused argument are logged too: nobody may be waiting.
     */
    CompletableFuture<Void> submit(Runnable r) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    r.run();
                    done.complete(null);
                } catch (RuntimeException | Error e) {
                    if (!(e instanceof IllegalArgumentException)) {
                        LOG.log(Level.WARNING, "plugin manager failed", e);
                    }
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("the plugin registry is closed"));
        }
        return done;
    }

    /**
     * Runs {@code c} on the thread and waits for it at most {@code wait}; what it throws is rethrown
     * here. Every call of plugin code on the thread has its own limit, so {@code wait} only guards the
     * caller (Tickguard's start) against a bug or a folder of many slow plugins: past it, the caller
     * goes on with {@code late} while {@code c} still runs to its end on the thread.
     */
    <T> T call(Callable<T> c, Duration wait, java.util.function.Supplier<T> late) {
        Future<T> f = executor.submit(c);
        try {
            return f.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warning("the plugin manager did not answer within " + wait.toSeconds() + " s; going on without waiting");
            return late.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** @throws RejectedExecutionException once closed */
    void execute(Runnable r) {
        executor.execute(r);
    }

    /**
     * Runs {@code r} on the thread, or on the caller's once the thread is closed: for releasing
     * plugins, which must happen even when their last tick ends after the registry closed.
     */
    void executeOrRunHere(Runnable r) {
        try {
            executor.execute(r);
        } catch (RejectedExecutionException closing) {
            r.run();
        }
    }

    void after(Duration delay, Runnable r) {
        executor.schedule(r, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Every {@code period}, the first time one period from now. */
    void every(Duration period, Runnable r) {
        executor.scheduleWithFixedDelay(r, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code last} on the thread, waits for it at most {@code wait}, then ends the thread. A
     * {@code last} that overruns (a plugin's close hook beyond its own limit) is interrupted and left:
     * closing never hangs the caller (the app's shutdown).
     */
    void close(Runnable last, Duration wait) {
        try {
            executor.submit(last).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning("plugins did not close within " + wait.toSeconds() + " s; Tickguard stops without waiting");
        } catch (ExecutionException e) { // a bug: each close hook is guarded on its own
            LOG.log(Level.WARNING, "closing the plugins failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException e) {
            // closed already
        }
        executor.shutdownNow();
    }
}
