package dev.tickguard.plugin;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs plugin code (loading, {@code start}, {@code close}) on a fresh daemon thread with the plugin's
 * class loader as context loader, and waits at most a given time. Code that does not return in time
 * is interrupted and left behind: it can never wedge the plugin manager. A fresh thread per call
 * keeps no thread-locals that would pin a removed plugin's class loader.
 *
 * <p>What the code throws is put into words on that same thread, inside the same limit: a plugin's
 * exception is plugin code too (its {@code getMessage()}, {@code toString()} or {@code getCause()} may
 * block or throw), so the waiting thread never touches it and only ever sees a
 * {@link PluginLoadException} with one line.
 *
 * <p>Stateless and thread-safe. Called on the plugin manager thread ({@code tickguard-plugins}); the
 * threads it starts are named {@code tickguard-plugin-N} and are left to end by themselves.
 */
final class TimeLimit {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private TimeLimit() {
    }

    /**
     * @param what names the work in the messages, e.g. "start() of step 'weather'"
     * @param explain puts what the code threw into one line (run on the code's thread, under the limit);
     *     a {@link PluginLoadException} thrown by Tickguard's own code inside {@code code} keeps its message
     * @throws PluginLoadException on timeout or failure, carrying a one-line reason
     */
    static <T> T run(String what, Duration limit, ClassLoader context, Callable<T> code,
                     Function<Throwable, String> explain) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(code.call());
            } catch (PluginLoadException ours) {
                result.completeExceptionally(ours);
            } catch (Throwable e) {
                result.completeExceptionally(new PluginLoadException(words(what, e, explain)));
            }
        }, "tickguard-plugin-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.setContextClassLoader(context);
        try {
            t.start();
        } catch (OutOfMemoryError noThread) { // the OS refuses threads: this plugin fails, not the manager
            throw new PluginLoadException(what + " could not run: no thread for it (" + noThread.getMessage() + ")");
        }
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new PluginLoadException(what + " did not return within " + millis(limit) + " (plugins.hook_timeout_sec)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.interrupt();
            throw new PluginLoadException(what + " was interrupted: Tickguard is stopping");
        } catch (ExecutionException e) {
            throw (PluginLoadException) e.getCause(); // only ever one of ours, see above
        }
    }

    /** On the code's thread: the line for what it threw, or a plain one if even that fails. */
    private static String words(String what, Throwable e, Function<Throwable, String> explain) {
        try {
            return explain.apply(e).replaceAll("\\s*\\R\\s*", " ");
        } catch (Throwable hostile) { // a message or cause that throws in turn
            return what + " failed: " + e.getClass().getName() + " (its message could not be read: "
                    + hostile.getClass().getSimpleName() + ")";
        }
    }

    private static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
