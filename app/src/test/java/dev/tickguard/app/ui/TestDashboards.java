package dev.tickguard.app.ui;

import dev.tickguard.control.TickguardControl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The dashboard as the window tests open it: a stand-in Ollama address, a data folder, a fixed size. */
final class TestDashboards {
    private TestDashboards() {
    }

    static AppInfo app(Path dataDir) {
        return new AppInfo("http://127.0.0.1:11434", "llama3.2", true, dataDir, dataDir.resolve("plugins"), false,
                Duration.ofSeconds(60), List.of());
    }

    /** Opens the dashboard in {@code stage} at {@code width} x {@code height}, not maximised, on the FX thread. */
    static DashboardWindow open(Stage stage, TickguardControl control, Path dataDir, double width, double height)
            throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            DashboardWindow w = DashboardWindow.open(stage, control, app(dataDir), p -> { });
            stage.setMaximized(false);
            stage.setWidth(width);
            stage.setHeight(height);
            return w;
        }).get();
    }
}
