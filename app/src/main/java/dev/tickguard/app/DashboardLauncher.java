package dev.tickguard.app;

import dev.tickguard.app.ui.AppInfo;
import dev.tickguard.app.ui.DashboardApp;
import dev.tickguard.app.ui.DashboardWindow;
import javafx.application.Application;

/**
 * Opens the dashboard on a wired runtime and blocks until the window is closed; the engine is then
 * stopped and the journal closed. Not an {@link Application} itself (see {@link DashboardApp}).
 */
final class DashboardLauncher {
    private DashboardLauncher() {
    }

    static int run(TickguardRuntime rt, AppInfo app) {
        DashboardApp.prepare((stage, opener) -> {
            DashboardWindow w = DashboardWindow.open(stage, rt.control, app, opener);
            rt.control.start();
            return w;
        }, rt::close);
        Application.launch(DashboardApp.class);
        return 0;
    }
}
