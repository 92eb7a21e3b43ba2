package dev.tickguard.app;

import dev.tickguard.app.ui.AppInfo;
import dev.tickguard.app.ui.DashboardApp;
import dev.tickguard.app.ui.StartingView;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.application.Application;
import javafx.application.Platform;

/**
 * Opens the dashboard and blocks until the window is closed; the engine is then stopped and the
 * journal closed. SIGTERM / Ctrl+C end the window the same way ({@link WindowSignals}) and exit with
 * 143 / 130. Not an {@link Application}
 * itself (see {@link DashboardApp}).
 *
 * <p>The window does not wait for the runtime: its first frame ({@link StartingView}) shows while
 * the runtime is created on {@code tickguard-start} ({@link BackgroundStart}); the dashboard then
 * replaces it in the same stage and the engine starts. A start that fails (a locked data folder, a
 * bad chaos target) closes the window and ends as it always did: one line on stderr, exit 2.
 *
 * <p>Threads: called on {@code main}, which blocks until the window closes; the window runs on the
 * JavaFX Application Thread; the shutdown hook thread {@code tickguard-shutdown} closes the runtime.
 */
final class DashboardLauncher {
    private DashboardLauncher() {
    }

    /**
     * Why the window cannot open here, or null if it can: on Linux a window needs an X or Wayland
     * display (unless JavaFX is told to use Monocle, as the tests do).
     */
    static String displayProblem(java.util.Map<String, String> env, String osName, String glassPlatform) {
        boolean linux = osName != null && osName.toLowerCase(java.util.Locale.ROOT).contains("linux");
        if (!linux || "Monocle".equalsIgnoreCase(glassPlatform)) {
            return null;
        }
        if (blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"))) {
            return "no display to open the dashboard on (DISPLAY is not set); on a server run with --headless";
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * @param signals handles SIGTERM / SIGINT from before the configuration was read: they end the window on the
     *     FX thread, not in the JVM's hooks, where JavaFX's own hook tore the toolkit down under a pulse or a
     *     start under way (issue 18)
     * @param dataDir the data folder the runtime is created on (it holds the window's settings)
     * @param simulated whether Ollama is the simulator (the window's title says so)
     * @param create creates the runtime (on {@code tickguard-start})
     * @param info what the window shows about the created runtime
     * @return the exit code: 0 after the window closed, 143 / 130 after SIGTERM / SIGINT, 2 (or 1) when the
     *     runtime could not be created
     */
    static int run(WindowSignals signals, Path dataDir, boolean simulated, BackgroundStart.Creation create,
                   Function<TickguardRuntime, AppInfo> info, PrintStream err) {
        if (signals.signal() != null) {
            return signals.exitCode(); // asked to stop before anything was opened
        }
        // After the window's first frame: see afterFirstFrame (at most 5 s later, for a window that never paints).
        BackgroundStart start = BackgroundStart.afterFirstFrame(create, java.time.Duration.ofSeconds(5));
        signals.attach(start);
        // Closing is idempotent, and a second caller (window closed during SIGTERM) waits for the first.
        // The hook is for what WindowSignals does not handle: System.exit (a plugin's), a second signal.
        Thread hook = new Thread(start::closeForShutdown, "tickguard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        WindowStart window = new WindowStart(start, dataDir, simulated, info, Platform::exit);
        DashboardApp.prepare((stage, opener) -> {
            if (!signals.mayShow()) {
                Platform.exit(); // a signal came while the toolkit started: show nothing; stop() closes the runtime
                return null;
            }
            return window.show(stage, opener);
        }, start::close);
        SoftwareRendering.applyBeforeToolkit(); // issue 18: no OpenGL probe where only software GL exists
        Application.launch(DashboardApp.class);
        start.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: the runtime is closed either way
        }
        if (signals.signal() != null) {
            return signals.exitCode(); // stopped as asked: no failure to report (a start cut short is not one)
        }
        Throwable failed = start.failure();
        if (failed == null) {
            failed = window.windowFailure();
        }
        return failed == null ? 0 : Main.failed(failed, err);
    }
}
