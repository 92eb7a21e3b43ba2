package dev.tickguard.app;

import dev.tickguard.app.ui.AppInfo;
import dev.tickguard.app.ui.DashboardApp;
import dev.tickguard.app.ui.DashboardWindow;
import javafx.application.Application;

/**
 * Opens the dashboard on a wired runtime and blocks until the window is closed; the engine is then
 * stopped and the journal closed. SIGTERM / Ctrl+C close the runtime the same way. Not an
 * {@link Application} itself (see {@link DashboardApp}).
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

    static int run(TickguardRuntime rt, AppInfo app) {
        // Closing is idempotent, and a second caller (window closed during SIGTERM) waits for the first.
        Runnable close = rt::close;
        Thread hook = new Thread(rt::closeForShutdown, "tickguard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        DashboardApp.prepare((stage, opener) -> {
            DashboardWindow w = DashboardWindow.open(stage, rt.control, app, opener);
            stage.getIcons().setAll(WindowIcons.load());
            FirstFrameExit.installIfAsked(stage.getScene());
            rt.control.start();
            return w;
        }, close);
        Application.launch(DashboardApp.class);
        close.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: the runtime is closed either way
        }
        return 0;
    }
}
