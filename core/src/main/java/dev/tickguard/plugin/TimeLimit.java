package dev.tickguard.plugin;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs plugin code (loading, {@code start}, {@code close}) on a fresh daemon thread with the plugin's
 * class loader as context loader, and waits at most a given time. Code that does not return in time
 * is interrupted and left behind: it can never wedge the plugin manager. A fresh thread per call
 * keeps no thread-locals that would pin a removed plugin's class loader.
 *
 * <p>Stateless and thread-safe. Called on the plugin manager thread ({@code tickguard-plugins}); the
 * threads it starts are named {@code tickguard-plugin-N} and are left to end by themselves.
 */
final class TimeLimit {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private TimeLimit() {
    }

    /**
     * @param what names the work in the timeout message, e.g. "start() of step 'weather'"
     * @throws PluginLoadException on timeout, carrying a one-line reason
     * @throws Exception what the code threw
     */
    static <T> T run(String what, Duration limit, ClassLoader context, Callable<T> code) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(code.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "tickguard-plugin-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.setContextClassLoader(context);
        t.start();
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new PluginLoadException(what + " did not return within " + millis(limit) + " (plugins.hook_timeout_sec)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
