package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 (the window tells the truth): the status line's frame figures are over the last 300 frames.
 * It said "last 5 s", which holds at 60 frames a second only: an idle window draws no frames, so it
 * showed a busy spell of minutes ago as the last five seconds.
 */
class StatusLineSaysWhichFramesItMeasuresTest {
    @TempDir
    Path dir;

    @Test
    void theFrameFiguresSayTheyAreOverTheLast300Frames() throws Exception {
        var stage = FxToolkit.registerPrimaryStage();
        DashboardWindow window = TestDashboards.open(stage, new FakeControl(), dir, 1280, 800);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(
                    () -> ((StatusBar) stage.getScene().getRoot().lookup(".status-bar")).getText()).get()
                    .contains("events shown"));
            String text = WaitForAsyncUtils.asyncFx(
                    () -> ((StatusBar) stage.getScene().getRoot().lookup(".status-bar")).getText()).get();
            assertThat(text).contains("last 300 frames: p99 ").contains(" ms apart").doesNotContain("last 5 s");
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                window.close();
                stage.hide();
            }).get();
        }
    }
}
