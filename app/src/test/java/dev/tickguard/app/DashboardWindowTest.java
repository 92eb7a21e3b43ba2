package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.app.ui.AppInfo;
import dev.tickguard.app.ui.DashboardWindow;
import dev.tickguard.control.TickEntry;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.controlsfx.control.SegmentedButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on Monocle (headless, software rendering), on a real engine with the Ollama
 * simulator, driven by clicks: what a user does, and what the window must then say.
 */
class DashboardWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private TickguardRuntime rt;
    private DashboardWindow window;
    private Stage stage;

    @BeforeEach
    void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeAll() throws Exception {
        if (window != null) {
            fx(() -> {
                window.close();
                window.stage().hide();
                return null;
            });
        }
        if (rt != null) {
            rt.close();
        }
    }

    /** Opens the window on a fresh runtime with the simulator; the first tick starts at once (not awaited). */
    private void open(String... extra) throws Exception {
        Path config = dir.resolve("roomy.yaml");
        Files.writeString(config, "budgets: {critical_sec: 120, important_sec: 60, optional_sec: 60}\n");
        List<String> args = new java.util.ArrayList<>(List.of("--simulator", "--interval", "3600", "--data",
                dir.toString(), "--config", config.toString()));
        args.addAll(List.of(extra));
        RunOptions cli = RunOptions.parse(args.toArray(String[]::new));
        var fromFile = TickguardRuntime.fileConfig(cli);
        var config2 = TickguardRuntime.withCommandLine(fromFile, cli);
        rt = TickguardRuntime.create(config2, cli);
        AppInfo app = new AppInfo(rt.llm.url(), config2.ollama().model(), true, config2.dataDir(),
                config2.pluginsDir(), !cli.chaos().isEmpty(), config2.breaker().delay(),
                EffectiveSettings.of(fromFile, rt.effectiveConfig()));
        window = fx(() -> DashboardWindow.open(stage, rt.control, app, p -> { }));
        rt.control.start();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private List<TickEntry> shownTicks() throws Exception {
        return fx(() -> List.copyOf(window.viewModel().timeline().ticks()));
    }

    private void awaitTicks(int n) {
        await().atMost(WAIT).until(() -> shownTicks().size() >= n);
    }

    private SegmentedButton chatSwitch() {
        return robot.lookup("#mode-ollama-chat").queryAs(SegmentedButton.class);
    }

    private void click(Node n) {
        robot.clickOn(n);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String chatTileState() throws Exception {
        return fx(() -> robot.from(chatSwitch().getParent()).lookup(".tile-state").queryAs(Label.class).getText());
    }

    @Test
    void forcingOllamaChatOpenFallsBackDegradedAndAutoRecovers() throws Exception {
        open();
        awaitTicks(1);
        List<SystemMode> modes = new CopyOnWriteArrayList<>();
        fx(() -> {
            window.viewModel().header().modeProperty().addListener((o, a, b) -> modes.add(b));
            return null;
        });

        click(chatSwitch().getButtons().get(1)); // Force open
        await().atMost(WAIT).until(() -> chatTileState().equals("OPEN (forced)"));
        assertThat(rt.control.breaker("ollama:chat").orElseThrow().state()).isEqualTo(BreakerState.FORCED_OPEN);

        click(robot.lookup("#runNow").queryAs(Button.class));
        awaitTicks(2);
        TickEntry second = shownTicks().get(shownTicks().size() - 1);
        List<StepRecord> forced = second.record().steps().stream().filter(s -> s.cause() == StepCause.FORCED
                || (s.error() != null && s.error().contains("ollama:chat"))).toList();
        assertThat(forced).as("the LLM steps of the next tick fall back").isNotEmpty()
                .allMatch(s -> s.outcome() == StepOutcome.FALLBACK);
        await().atMost(WAIT).until(() -> fx(() -> window.viewModel().header().modeTextProperty().get())
                .startsWith("DEGRADED"));
        assertThat(robot.lookup(".mode-badge").queryAs(Label.class).getText()).startsWith("DEGRADED");
        // At 1024 wide with a long reason, the reason shortens and never the controls (issue 18.3).
        fx(() -> {
            stage.setWidth(1024);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#runNow", "#pause", "#dark")) {
            javafx.scene.control.Labeled b = robot.lookup(id).queryAs(javafx.scene.control.Labeled.class);
            assertThat(fx(() -> b.getWidth() >= b.prefWidth(-1) - 0.5)).as(id + " keeps its size").isTrue();
        }

        click(chatSwitch().getButtons().get(0)); // Auto
        await().atMost(WAIT).until(() -> chatTileState().equals("CLOSED"));
        await().atMost(WAIT).until(() -> modes.contains(SystemMode.RECOVERY));
        assertThat(modes).containsSubsequence(SystemMode.DEGRADED, SystemMode.RECOVERY);
    }

    @Test
    void forceClosedKeepsOllamaChatClosedThroughFailures() throws Exception {
        open();
        awaitTicks(1);
        click(chatSwitch().getButtons().get(2)); // Force closed
        await().atMost(WAIT).until(() -> chatTileState().equals("CLOSED (forced)"));
        assertThat(rt.control.breaker("ollama:chat").orElseThrow().mode()).isEqualTo(BreakerMode.FORCE_CLOSED);

        rt.control.addChaos(dev.tickguard.chaos.Chaos.ollamaDown());
        click(robot.lookup("#runNow").queryAs(Button.class));
        awaitTicks(2);
        assertThat(rt.control.breaker("ollama:chat").orElseThrow().state()).isEqualTo(BreakerState.FORCED_CLOSED);
        assertThat(chatTileState()).isEqualTo("CLOSED (forced)");

        // Forced closed is chaos too (issue 16): its chip in the banner switches it off, back to Auto.
        Callable<java.util.Optional<Button>> chip = () -> fx(() -> robot.lookup(".chaos-chip").queryAllAs(Button.class)
                .stream().filter(b -> b.getText().startsWith("force-closed:ollama:chat")).findFirst());
        await().atMost(WAIT).until(() -> chip.call().isPresent());
        click(chip.call().orElseThrow());
        await().atMost(WAIT).until(() -> !chatTileState().contains("forced"));
        assertThat(rt.control.breaker("ollama:chat").orElseThrow().mode()).isEqualTo(BreakerMode.AUTO);
        assertThat(rt.control.chaos()).containsExactly(dev.tickguard.chaos.Chaos.ollamaDown());
    }

    @Test
    void runNowAddsATickAndSelectingAStepShowsItsResultJson() throws Exception {
        open();
        awaitTicks(1);
        int before = shownTicks().size();
        click(robot.lookup("#runNow").queryAs(Button.class));
        awaitTicks(before + 1);
        await().atMost(WAIT).until(() -> fx(() -> robot.lookup(".timeline .muted").queryAs(Label.class).getText())
                .contains("-" + (before + 1)));

        // The newest row is drawn at the top; its first bar (monologue) starts at the left edge.
        Node canvas = robot.lookup("#timeline-canvas").query();
        robot.clickOn(canvas.localToScreen(dev.tickguard.app.ui.TimelineView.firstBarX() + 2, 20));
        WaitForAsyncUtils.waitForFxEvents();
        String json = robot.lookup(".json").queryAs(TextArea.class).getText();
        assertThat(json).startsWith("{").contains("\n");
        assertThat(robot.lookup(".selection-title").queryAs(Label.class).getText()).contains("monologue", "SUCCESS");
    }

    @Test
    void addingChaosShowsTheBannerAndClearAllClearsIt() throws Exception {
        open();
        HBox banner = robot.lookup(".chaos-banner").queryAs(HBox.class);
        assertThat(banner.isVisible()).isFalse();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT3)
                .release(javafx.scene.input.KeyCode.DIGIT3, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            window.viewModel().chaos().faultProperty().set(dev.tickguard.app.ui.ChaosViewModel.Fault.FAIL);
            window.viewModel().chaos().targetProperty().set("goal_selection");
            return null;
        });
        click(robot.lookup("#add").queryAs(Button.class));
        await().atMost(WAIT).until(() -> fx(banner::isVisible));
        Button chip = robot.from(banner).lookup(".chaos-chip").queryAs(Button.class);
        assertThat(chip.getText()).contains("fail:goal_selection");
        // What is drawn, not just the text property: an underscore must not be taken for a mnemonic (issue 18.6).
        assertThat(fx(() -> robot.from(chip).lookup(".text").queryAs(javafx.scene.text.Text.class).getText()))
                .contains("fail:goal_selection");
        assertThat(rt.control.chaos()).hasSize(1);

        click(robot.lookup("#clearChaos").queryAs(Button.class));
        await().atMost(WAIT).until(() -> !fx(banner::isVisible));
        assertThat(rt.control.chaos()).isEmpty();
    }

    @Test
    void aPluginThatFailedToLoadIsListedWithItsReason() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("broken.jar"), "this is not a zip file");
        open("--plugins", plugins.toString());
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT2)
                .release(javafx.scene.input.KeyCode.DIGIT2, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ListView<Object> failures = robot.lookup(".steps .list-view").queryAs(ListView.class);
        await().atMost(WAIT).until(() -> fx(() -> failures.getItems().size()) == 1);
        assertThat(failures.getItems().get(0).toString()).startsWith("broken.jar: ").hasSizeGreaterThan(14);
    }

    @Test
    void theWindowRestoresItsSizeTabAndThemeAfterARestart() throws Exception {
        open();
        fx(() -> {
            stage.setWidth(1100);
            stage.setHeight(720);
            return null;
        });
        click(robot.lookup("Log (Ctrl+4)").query());
        click(robot.lookup("#dark").queryAs(ToggleButton.class));
        fx(() -> {
            window.close();
            stage.hide();
            return null;
        });
        window = null;
        rt.close();

        Stage again = fx(Stage::new);
        stage = again;
        open();
        assertThat(fx(again::getWidth)).isEqualTo(1100);
        assertThat(fx(again::getHeight)).isEqualTo(720);
        assertThat(fx(() -> again.getScene().getRoot().getStyleClass().contains("dark"))).isTrue();
        assertThat(fx(() -> robot.lookup("#bottom-tabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedIndex())).isEqualTo(3);
    }

    @Test
    void theSettingsTabShowsEveryKeyTheLoaderAcceptsUnderItsFileName() throws Exception {
        open();
        click(robot.lookup("Settings (Ctrl+5)").query());
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<AppInfo.Setting> table = robot.lookup(".settings .table-view")
                .queryAs(javafx.scene.control.TableView.class);
        List<AppInfo.Setting> rows = fx(() -> List.copyOf(table.getItems()));

        List<String> fileKeys = dev.tickguard.config.ConfigLoader.keys().stream()
                .filter(k -> !k.startsWith("steps.")).toList();
        assertThat(rows).extracting(AppInfo.Setting::key).containsExactlyElementsOf(fileKeys);
        // With --simulator the address in use is the simulator's, and it comes from the command line.
        assertThat(rows).contains(new AppInfo.Setting("ollama.url", rt.llm.url(), "command line"));
        assertThat(rows).contains(new AppInfo.Setting("budgets.critical_sec", "120", "config.yaml"),
                new AppInfo.Setting("tick.interval_sec", "3600", "command line"),
                new AppInfo.Setting("breaker.failure_threshold", "3", "default"));
    }
}
