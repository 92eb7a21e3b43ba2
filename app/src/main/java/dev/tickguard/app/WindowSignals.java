package dev.tickguard.app;

import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * SIGTERM and SIGINT with the window open, or opening, stop the run the way closing the window does:
 * in order, on the FX thread, instead of in the JVM's shutdown hooks (issue 18).
 *
 * <p>Why not the hooks: on a signal the JVM starts every shutdown hook at once, JavaFX's own among them
 * ("Glass/Prism Shutdown Hook", {@code QuantumToolkit.dispose}). That one stops JavaFX's renderer from
 * its own thread while the FX thread may be in the middle of a pulse (a ticking window repaints several
 * times a second). A pulse that began before the dispose then handed its frame to the stopped renderer
 * ({@code PaintCollector.renderAll} to {@code QuantumRenderer.submitRenderJob}): JavaFX printed a
 * {@code RejectedExecutionException}, "rejected from QuantumRenderer [Shutting down]" (6 of 20 SIGTERMs
 * under Xvfb at load 10-20), or a {@code NullPointerException} in {@code GtkApplication._runLoop}. While the toolkit
 * was still starting, the same dispose pulled it from under {@code Application.start}: "Exception in
 * Application start method".
 *
 * <p>So the handler only asks. A window that is up is ended through {@code Platform.exit}: JavaFX
 * closes the window and stops the runtime with the signal as the reason (the running tick is journaled),
 * then disposes its toolkit on the FX thread, between pulses. A toolkit still starting is told, through
 * {@link #mayShow}, to show nothing and exit at once. The launcher then returns {@link #exitCode} and the
 * process ends with it; the hooks find nothing left to do.
 *
 * <p>Bounded: a second signal, or a window that has not ended {@link #STOP_BOUND_MS} after the first
 * (an FX thread that hangs), ends the process the old way: {@code System.exit} runs the hooks, and
 * {@code tickguard-shutdown} closes the runtime. Where the handlers cannot be installed (the JVM runs
 * with {@code -Xrs}, or another platform refuses the signal), the hooks do it all, as before.
 *
 * <p>Threads: {@link #install} and {@link #attach} on {@code main}; {@link #mayShow} on the FX thread; the handlers on the
 * JVM's signal thread. Thread-safe.
 */
final class WindowSignals {
    /** How long the window may take to end after a signal before the process exits without it. */
    static final long STOP_BOUND_MS = 30_000;
    /** ... or this long when the launcher had not begun (nothing to close, nothing to wait for). */
    static final long UNSTARTED_BOUND_MS = 5_000;
    private static final Logger LOG = Logger.getLogger("tickguard");

    /** What stops the window: {@code Platform.exit} in the application. */
    interface Stopper {
        void stop();
    }

    private final Stopper fx;
    private final IntConsumer forcedExit;
    private final long boundMs;
    // Guarded by this.
    private BackgroundStart start;
    private boolean up;
    private String signal;

    WindowSignals(Stopper fx, IntConsumer forcedExit, long boundMs) {
        this.fx = fx;
        this.forcedExit = forcedExit;
        this.boundMs = boundMs;
    }

    /**
     * Handles SIGTERM and SIGINT from now on, as soon as the command line says there will be a window
     * (before the configuration is read: a signal while it is read stops the run before anything opens);
     * returns what handles them.
     */
    static WindowSignals install() {
        // A lambda, not Platform::exit: JavaFX's classes load only if a signal comes with the window up.
        WindowSignals s = new WindowSignals(() -> javafx.application.Platform.exit(),
                code -> Runtime.getRuntime().exit(code), STOP_BOUND_MS);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> s.onSignal("SIG" + sig.getName()));
            } catch (IllegalArgumentException | UnsupportedOperationException refused) {
                // -Xrs, or a platform without this signal: the JVM's hooks stop the run, as before.
                LOG.fine(() -> "SIG" + name + " is left to the JVM's shutdown hooks: " + refused.getMessage());
            }
        }
        return s;
    }

    /** The start whose runtime a signal stops (with the signal as the reason), once it began. */
    void attach(BackgroundStart creating) {
        String came;
        synchronized (this) {
            start = creating;
            came = signal;
        }
        if (came != null) {
            creating.stopFor("stopped by " + came);
        }
    }

    /**
     * Called on the FX thread when the toolkit has started, before anything is shown: true if the window
     * may show; false if a signal came first (the caller then ends the toolkit instead).
     */
    synchronized boolean mayShow() {
        if (signal != null) {
            return false;
        }
        up = true;
        return true;
    }

    /** What a signal does: see the class comment. {@code name} is "SIGTERM" or "SIGINT". */
    void onSignal(String name) {
        boolean first;
        boolean windowUp;
        BackgroundStart creating;
        synchronized (this) {
            first = signal == null;
            if (first) {
                signal = name;
            }
            windowUp = up;
            creating = start;
        }
        if (!first) {
            LOG.warning("[Tickguard] " + name + " again: stopping at once");
            forcedExit.accept(exitCode(name));
            return;
        }
        String why = "stopped by " + name;
        LOG.warning("[Tickguard] " + why + "; stopping: finishing the journal");
        if (creating != null) {
            creating.stopFor(why);
        } // else nothing is created yet: the launcher sees signal() and opens nothing
        if (windowUp) {
            fx.stop();
        } // else the toolkit is still starting: mayShow() tells it to end at once
        // Nothing begun yet: main is reading the configuration and stops at the launcher's first look, unless
        // it is not headed there at all (a test calling Main.run), which must not keep the process for long.
        long bound = creating == null ? Math.min(boundMs, UNSTARTED_BOUND_MS) : boundMs;
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(bound);
            } catch (InterruptedException e) {
                return;
            }
            LOG.warning("[Tickguard] the window did not end within " + bound / 1000 + " s of " + name + ": stopping without it");
            forcedExit.accept(exitCode(name));
        }, "tickguard-signal-stop");
        watchdog.setDaemon(true); // the process ending in time ends it
        watchdog.start();
    }

    /** The signal that stopped the run, or null. */
    synchronized String signal() {
        return signal;
    }

    /** The exit code for the signal that stopped the run (143 SIGTERM, 130 SIGINT), or -1 if none came. */
    synchronized int exitCode() {
        return signal == null ? -1 : exitCode(signal);
    }

    /** As the JVM's own handlers exit: 128 + the signal's number. */
    static int exitCode(String signal) {
        return "SIGINT".equals(signal) ? 130 : 143;
    }
}
