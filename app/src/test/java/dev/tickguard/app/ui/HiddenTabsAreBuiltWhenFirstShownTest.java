package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import dev.tickguard.events.TickEvent;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 "build hidden tabs when first shown": the dashboard builds only the bottom tab it opens
 * on; another tab's content is built when the user first selects it, and then shows what happened
 * before it existed (its view model followed the engine all along).
 */
class HiddenTabsAreBuiltWhenFirstShownTest {
    private static final int LOG_TAB = 3;
    @TempDir
    Path dir;
    private DashboardWindow window;

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(() -> window.close()).get();
        }
    }

    @Test
    void onlyTheSelectedTabIsBuiltAndALaterTabShowsWhatCameBefore() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        window = WaitForAsyncUtils.asyncFx(() -> DashboardWindow.open(stage, new FakeControl(), TestDashboards.app(dir),
                p -> { })).get();
        TabPane tabs = WaitForAsyncUtils.asyncFx(() -> (TabPane) stage.getScene().lookup("#bottom-tabs")).get();

        List<Boolean> built = WaitForAsyncUtils.asyncFx(() -> tabs.getTabs().stream().map(LazyTabs::built).toList()).get();
        assertThat(built).containsExactly(true, false, false, false, false, false, false);

        // A line logged while the Log tab did not exist yet.
        WaitForAsyncUtils.asyncFx(() -> {
            window.viewModel().log().apply(new TickEvent.Notice(java.time.Instant.now(), "test", "written before the tab was built"));
            window.viewModel().log().endBatch();
        }).get();
        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(LOG_TAB)).get();
        WaitForAsyncUtils.waitForFxEvents(5);

        Tab log = tabs.getTabs().get(LOG_TAB);
        assertThat(LazyTabs.built(log)).isTrue();
        List<String> lines = WaitForAsyncUtils.asyncFx(() -> ((ListView<?>) log.getContent().lookup(".log-lines"))
                .getItems().stream().map(Object::toString).toList()).get();
        assertThat(lines).anyMatch(l -> l.contains("written before the tab was built"));
        // Built once: selecting it again keeps the same content.
        var content = log.getContent();
        WaitForAsyncUtils.asyncFx(() -> {
            tabs.getSelectionModel().select(0);
            tabs.getSelectionModel().select(LOG_TAB);
        }).get();
        assertThat(log.getContent()).isSameAs(content);
    }
}
