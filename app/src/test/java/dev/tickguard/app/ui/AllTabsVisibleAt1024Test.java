package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 (left open): at 1024x700, the smallest screen the dashboard supports, the seven bottom tabs
 * did not fit on one row and JavaFX hid the last ones behind its tab menu. Each tab's header must lie
 * inside the tab row, and the overflow menu must not show.
 */
class AllTabsVisibleAt1024Test {
    @TempDir
    Path dir;

    @Test
    void allSevenTabsShowOnOneRowAt1024By700() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        DashboardWindow window = TestDashboards.open(stage, new FakeControl(), dir, 1024, 700);
        try {
            WaitForAsyncUtils.waitForFxEvents(5);
            List<String> problems = WaitForAsyncUtils.asyncFx(() -> {
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
                TabPane tabs = (TabPane) stage.getScene().getRoot().lookup(".tab-pane");
                assertThat(tabs.getTabs()).hasSize(7);
                Bounds row = tabs.localToScene(tabs.getLayoutBounds());
                List<String> out = new java.util.ArrayList<>();
                assertThat(stage.getScene().getWidth()).isLessThanOrEqualTo(1024);
                for (Node header : tabs.lookupAll(".tab")) {
                    Bounds b = header.localToScene(header.getLayoutBounds());
                    if (!header.isVisible() || b.getMaxX() > row.getMaxX() || b.getWidth() <= 0) {
                        out.add("tab header at " + b + " outside the row " + row);
                    }
                }
                Node menu = tabs.lookup(".control-buttons-tab");
                if (menu != null && menu.isVisible()) {
                    out.add("the tab overflow menu shows");
                }
                return out;
            }).get();
            assertThat(problems).isEmpty();
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                window.close();
                stage.hide();
            }).get();
        }
    }
}
