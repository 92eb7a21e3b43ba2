package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.app.ui.AppInfo;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.persist.DataFolder;
import dev.tickguard.persist.DataFolderLock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 "no blank window" and issue 19 "the first frame does not wait for the database": the
 * window shows its starting frame while the runtime is still being created (here: held until the
 * test lets it go), the dashboard then replaces it in the same place, and a start that fails or is
 * closed half way ends cleanly.
 */
class WindowStartTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Stage stage;
    private BackgroundStart start;
    private Runnable closeWindow;
    private final AtomicInteger ended = new AtomicInteger();
    /** Holds the runtime's creation until the test lets it go (let go after each test, whatever happened). */
    private final CountDownLatch hold = new CountDownLatch(1);

    @BeforeEach
    void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeAll() throws Exception {
        hold.countDown();
        if (closeWindow != null) {
            fx(() -> {
                closeWindow.run();
                return null;
            });
        }
        fx(() -> {
            stage.hide();
            return null;
        });
        if (start != null) {
            start.close();
        }
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private RunOptions cli() throws UsageException {
        return RunOptions.parse(new String[] {"--simulator", "--interval", "3600", "--data", dir.toString()});
    }

    /** The real runtime, created once {@link #hold} opens. */
    private BackgroundStart.Creation heldCreation() throws UsageException {
        RunOptions cli = cli();
        TickguardConfig config = TickguardRuntime.configFrom(cli);
        return () -> {
            hold.await();
            return TickguardRuntime.create(config, cli);
        };
    }

    private WindowStart window(BackgroundStart s) throws Exception {
        TickguardConfig config = TickguardRuntime.configFrom(cli());
        WindowStart w = new WindowStart(s, dir, true, rt -> new AppInfo(rt.llm.url(), config.ollama().model(), true,
                config.dataDir(), config.pluginsDir(), false, config.breaker().delay(), List.of()), ended::incrementAndGet);
        closeWindow = fx(() -> w.show(stage, p -> { }));
        return w;
    }

    private String badge() throws Exception {
        return fx(() -> dev.tickguard.app.ui.StartingView.badge(stage.getScene()));
    }

    @Test
    void theStartingFrameShowsWhileTheRuntimeIsStillBeingCreatedThenTheDashboardReplacesIt() throws Exception {
        start = BackgroundStart.begin(heldCreation());
        WindowStart w = window(start);

        // The runtime does not exist yet, and the window is up: header badge, the bottom tabs, the title.
        assertThat(fx(stage::isShowing)).isTrue();
        assertThat(badge()).isEqualTo("STARTING");
        assertThat(fx(() -> stage.getTitle())).isEqualTo("Tickguard (Ollama simulator)");
        List<String> tabs = fx(() -> stage.getScene().getRoot().lookupAll(".starting-tab-text").stream()
                .map(n -> ((javafx.scene.text.Text) n).getText()).toList());
        assertThat(tabs).hasSize(7).contains("History (Ctrl+6)", "Workers (Ctrl+7)");
        // Never a blank area: styled and laid out before it was shown, the root fills the window with the theme.
        assertThat(fx(() -> ((javafx.scene.layout.Region) stage.getScene().getRoot()).getBackground())).isNotNull();
        assertThat(fx(() -> stage.getScene().getRoot().getLayoutBounds().getWidth()))
                .isEqualTo(fx(() -> stage.getScene().getWidth()));
        double[] size = fx(() -> new double[] {stage.getWidth(), stage.getHeight(), stage.getX(), stage.getY()});
        assertThat(w.window()).isNull();

        hold.countDown();
        await().atMost(WAIT).until(() -> fx(w::window) != null);
        assertThat(badge()).isNull();
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).contains("dashboard");
        // The starting frame looked like what followed it: the same tabs, in the same words.
        assertThat(fx(() -> ((TabPane) stage.getScene().lookup(".tab-pane")).getTabs().stream()
                .map(Tab::getText).toList())).isEqualTo(tabs);
        // The dashboard took the starting frame's place: the window neither moved nor resized.
        assertThat(fx(() -> new double[] {stage.getWidth(), stage.getHeight(), stage.getX(), stage.getY()})).isEqualTo(size);
        assertThat(ended).hasValue(0);
        assertThat(start.failure()).isNull();
    }

    @Test
    void aStartThatFailsEndsTheWindowAndIsOneLineExitTwo() throws Exception {
        start = BackgroundStart.begin(() -> {
            throw new UsageException("data folder " + dir + " is in use by another Tickguard (pid 1)");
        });
        WindowStart w = window(start);
        await().atMost(WAIT).until(() -> ended.get() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.window()).isNull();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.failed(start.failure(), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("tickguard: data folder " + dir + " is in use by another Tickguard (pid 1)");
    }

    @Test
    void closingTheWindowWhileTheRuntimeIsBeingCreatedClosesItAndFreesTheDataFolder() throws Exception {
        start = BackgroundStart.begin(heldCreation());
        WindowStart w = window(start);
        CompletableFuture<Void> closed = CompletableFuture.runAsync(start::close);
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> !closed.isDone()); // waits for the creation
        hold.countDown();
        closed.get();
        WaitForAsyncUtils.waitForFxEvents();
        // Created after the close: closed again at once, never shown, and the data folder is free.
        assertThat(w.window()).isNull();
        DataFolderLock.acquire(new DataFolder(dir)).close();
    }
}
