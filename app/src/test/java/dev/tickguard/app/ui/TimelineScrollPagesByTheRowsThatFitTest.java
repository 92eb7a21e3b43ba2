package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.ScrollBar;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 (the window tells the truth), found in review: the timeline's scroll bar took its page (the
 * rows that fit) only when a tick arrived, so after the window was resized it paged by the old height,
 * on an idle window for up to an hour.
 */
class TimelineScrollPagesByTheRowsThatFitTest {
    @TempDir
    Path dir;

    @Test
    void aTallerWindowPagesByMoreRows() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        DashboardWindow window = TestDashboards.open(stage, new FakeControl(), dir, 1024, 700);
        try {
            double small = page(stage);
            WaitForAsyncUtils.asyncFx(() -> stage.setHeight(1000)).get();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> page(stage) > small);
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                window.close();
                stage.hide();
            }).get();
        }
    }

    private static double page(Stage stage) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return WaitForAsyncUtils.asyncFx(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return ((ScrollBar) stage.getScene().getRoot().lookup("#timeline-scroll")).getBlockIncrement();
        }).get();
    }
}
