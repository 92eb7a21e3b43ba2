package dev.tickguard.app;

import dev.tickguard.app.ui.AppInfo;
import dev.tickguard.app.ui.DashboardApp;
import dev.tickguard.app.ui.DashboardWindow;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;

/**
 * Opens the dashboard on a wired runtime and blocks until the window is closed; the engine is then
 * stopped and the journal closed. SIGTERM / Ctrl+C close the runtime the same way. Not an
 * {@link Application} itself (see {@link DashboardApp}).
 */
final class DashboardLauncher {
    private DashboardLauncher() {
    }

    static int run(TickguardRuntime rt, AppInfo app) {
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                rt.close();
            }
        };
        Thread hook = new Thread(close, "tickguard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        DashboardApp.prepare((stage, opener) -> {
            DashboardWindow w = DashboardWindow.open(stage, rt.control, app, opener);
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
