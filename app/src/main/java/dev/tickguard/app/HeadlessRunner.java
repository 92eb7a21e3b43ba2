package dev.tickguard.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Runs ticks with no window until N ticks are done, the user types {@code quit}, or the process is
 * told to stop (SIGINT/SIGTERM). Typed commands go through the control API ({@link ConsoleCommands}).
 *
 * <p>Threads: runs on {@code main}, which waits for the engine to stop; a shutdown hook thread
 * {@code tickguard-shutdown} closes the runtime on SIGINT/SIGTERM so the running tick is journaled.
 */
final class HeadlessRunner {
    private static final Logger LOG = Logger.getLogger("tickguard");

    private HeadlessRunner() {
    }

    static int run(TickguardRuntime rt, Long ticks, InputStream in, PrintStream out) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            rt.closeForShutdown();
            closed.countDown();
        }, "tickguard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        LOG.info("[Tickguard] data " + rt.config.dataDir() + ", plugins " + rt.config.pluginsDir() + ", "
                + rt.llm.describe());
        LOG.info("[Tickguard] steps: " + rt.describeSteps());
        LOG.info("[Tickguard] interval " + rt.control.engine().interval().toMillis() + "ms"
                + (ticks != null ? ", stopping after " + ticks + " ticks" : ", until stopped (Ctrl+C)")
                + "; type help for commands");
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (ticks != null) {
            rt.engine.stopAfter(ticks).thenRun(() -> done.complete(null));
        }
        new ConsoleCommands(rt.control, out, () -> done.complete(null)).start(in);
        rt.control.start();
        done.join();
        rt.close();
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            closed.await();
        }
        return 0;
    }
}
