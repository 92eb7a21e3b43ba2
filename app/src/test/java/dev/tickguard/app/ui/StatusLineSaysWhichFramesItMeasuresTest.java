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
 * Issue 18 (the window tells the truth): the status line showed "last 5 s: frame p99 207 ms", then "last
 * 300 frames: p99 207 ms apart", for hours on an idle window: frames are counted only while the window is
 * busy, so it kept its start-up figure and read as a stuttering window. The line says what the window
 * shows; the frame timing is in its tooltip, worked out when it shows, and says which frames it is over.
 */
class StatusLineSaysWhichFramesItMeasuresTest {
    @TempDir
    Path dir;

    @Test
    void theFrameTimingIsInTheTooltipAndSaysWhichFrames() throws Exception {
        var stage = FxToolkit.registerPrimaryStage();
        DashboardWindow window = TestDashboards.open(stage, new FakeControl(), dir, 1280, 800);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> statusBar(stage).getText().contains("events shown"));
            StatusBar bar = statusBar(stage);
            assertThat(bar.getText()).doesNotContain("frames").doesNotContain("p99").doesNotContain("last 5 s");
            assertThat(bar.getTooltip()).isNotNull();
            String timing = WaitForAsyncUtils.asyncFx(window::frameTiming).get();
            assertThat(timing).contains("frames while busy (it draws none while idle)").contains(" ms apart")
                    .contains("own work p99");
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                window.close();
                stage.hide();
            }).get();
        }
    }

    private static StatusBar statusBar(javafx.stage.Stage stage) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> (StatusBar) stage.getScene().getRoot().lookup(".status-bar")).get();
    }
}
