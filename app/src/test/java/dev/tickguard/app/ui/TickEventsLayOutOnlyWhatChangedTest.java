package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.ResultJson;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 (ui-storm: frame p99 74 ms, stalls of 445 ms): every tick changed the text of the header's
 * tick label, the timeline's range label and its scroll bar, and each such change asked every ancestor up
 * to the scene's root for a new layout, so under a storm of ticks each pulse laid the whole window out
 * again (about 40 % of the FX thread's time in the profile). Now a change that still fits where it is
 * lays out only its slot ({@link SteadySlot}): a batch of tick events must leave the root's layout clean.
 */
class TickEventsLayOutOnlyWhatChangedTest {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
    @TempDir
    Path dir;

    @Test
    void aBatchOfTicksAsksNoAncestorOfWhatChangedForLayout() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        DashboardWindow window = TestDashboards.open(stage, new FakeControl(), dir, 1280, 800);
        try {
            WaitForAsyncUtils.waitForFxEvents(5);
            // Two-digit tick numbers and counts throughout: a text that grows a digit rightly asks for more room.
            List<Sequenced<TickEvent>> warm = ticks(10, 21);
            List<Sequenced<TickEvent>> storm = ticks(22, 60);
            List<String> relaidOut = WaitForAsyncUtils.asyncFx(() -> {
                Parent root = stage.getScene().getRoot();
                // The first ticks give what they show its first size: settle them.
                window.viewModel().apply(warm, false);
                root.applyCss();
                root.layout();
                Set<Node> asked = new LinkedHashSet<>();
                watch(root, asked);
                for (int i = 0; i < storm.size(); i += 13) { // one pulse's batch: about one tick's events
                    window.viewModel().apply(storm.subList(i, Math.min(storm.size(), i + 13)), false);
                    root.applyCss();
                    root.layout();
                }
                List<String> out = new ArrayList<>();
                for (Node n : asked) {
                    out.add(n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId())
                            + n.getStyleClass());
                }
                return out;
            }).get();
            // The root (and the split panes and boxes on the way) laid out nothing again: only slots did.
            assertThat(relaidOut).as("containers asked for a new layout by a batch of tick events")
                    .noneMatch(s -> s.startsWith("BorderPane") || s.startsWith("SplitPane") || s.startsWith("VBox")
                            || s.startsWith("HBox"));
            assertThat(window.viewModel().timeline().ticks()).hasSize(51); // and every tick arrived
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                window.close();
                stage.hide();
            }).get();
        }
    }

    /**
     * The Steps tab's table shows the timeout each step was given in the last tick, which an adaptive
     * timeout changes from tick to tick: while another tab is shown, the hidden table was refilled and laid
     * out every tick (a third of the layout time in the ui-storm profile). Now it is filled when shown.
     */
    @Test
    void theHiddenStepsTableIsNotLaidOutPerTickAndShowsTheLastTickWhenShown() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FakeControl control = new FakeControl();
        List<dev.tickguard.control.StepInfo> infos = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            infos.add(new dev.tickguard.control.StepInfo("step" + s, Priority.OPTIONAL, s < 5 ? Phase.SEQUENTIAL
                    : Phase.PARALLEL, s, Duration.ofMillis(20), Duration.ofMillis(20), -1, "storm", true, "step:step" + s));
        }
        var base = control.snapshot;
        control.snapshot = new dev.tickguard.control.ControlSnapshot(base.seq(), base.engine(), base.breakers(),
                base.chaos(), base.llm(), infos, base.plugins(), base.histories());
        DashboardWindow window = TestDashboards.open(stage, control, dir, 1280, 800);
        try {
            WaitForAsyncUtils.waitForFxEvents(5);
            List<String> relaidOut = WaitForAsyncUtils.asyncFx(() -> {
                Parent root = stage.getScene().getRoot();
                javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) root.lookup(".tab-pane");
                tabs.getSelectionModel().select(0); // the Latency tab: the Steps table is hidden
                window.viewModel().apply(ticks(10, 21, t -> 20 + t), false);
                root.applyCss();
                root.layout();
                Set<Node> asked = new LinkedHashSet<>();
                watch(root, asked);
                List<Sequenced<TickEvent>> storm = ticks(22, 60, t -> 20 + t); // a new timeout each tick
                for (int i = 0; i < storm.size(); i += 13) {
                    window.viewModel().apply(storm.subList(i, Math.min(storm.size(), i + 13)), false);
                    root.applyCss();
                    root.layout();
                }
                List<String> out = new ArrayList<>();
                for (Node n : asked) {
                    out.add(n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()));
                }
                return out;
            }).get();
            assertThat(relaidOut).as("nodes laid out again while the Steps tab is hidden")
                    .noneMatch(s -> s.startsWith("TableView") || s.startsWith("VirtualFlow") || s.startsWith("TableRow"));
            // Shown, the table tells the truth at once: the timeout the last tick (60) gave each step.
            String used = WaitForAsyncUtils.asyncFx(() -> {
                Parent root = stage.getScene().getRoot();
                javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) root.lookup(".tab-pane");
                tabs.getSelectionModel().select(1);
                root.applyCss();
                root.layout();
                @SuppressWarnings("unchecked")
                var table = (javafx.scene.control.TableView<dev.tickguard.control.StepInfo>) root.lookup(".steps").lookup("#table");
                return table.getItems().size() + " rows, step0 used " + table.getItems().get(0).currentTimeout().toMillis();
            }).get();
            assertThat(used).isEqualTo("12 rows, step0 used 80");
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                window.close();
                stage.hide();
            }).get();
        }
    }

    /** Records every parent that is asked for a layout of its own (not merely on the way to a child's). */
    private static void watch(Parent p, Set<Node> asked) {
        p.needsLayoutProperty().addListener((o, was, now) -> {
            if (now) {
                asked.add(p);
            }
        });
        for (Node c : p.getChildrenUnmodifiable()) {
            if (c instanceof Parent cp) {
                watch(cp, asked);
            }
        }
    }

    /** Ticks {@code from}..{@code to}, each: started, 12 steps finished, finished. */
    private static List<Sequenced<TickEvent>> ticks(long from, long to) {
        return ticks(from, to, t -> 20L);
    }

    private static List<Sequenced<TickEvent>> ticks(long from, long to, java.util.function.LongUnaryOperator timeoutMs) {
        List<Sequenced<TickEvent>> out = new ArrayList<>();
        long seq = from * 100;
        for (long t = from; t <= to; t++) {
            Instant at = T0.plusMillis(t * 40);
            out.add(new Sequenced<>(seq++, new TickEvent.TickStarted(at, t, SystemMode.NORMAL)));
            List<StepRecord> steps = new ArrayList<>();
            for (int s = 0; s < 12; s++) {
                StepRecord r = new StepRecord("step" + s, Priority.OPTIONAL, s < 5 ? Phase.SEQUENTIAL : Phase.PARALLEL,
                        s * 2, 1 + (t + s) % 3, timeoutMs.applyAsLong(t), StepOutcome.SUCCESS, null, null, null, false);
                steps.add(r);
                out.add(new Sequenced<>(seq++, new TickEvent.StepFinished(at, t, r, ResultJson.of("{\"v\":" + t + "}"))));
            }
            out.add(new Sequenced<>(seq++, new TickEvent.TickFinished(at, new TickRecord(t, at, 30 + t % 7,
                    SystemMode.NORMAL, false, null, null, TickCounts.of(steps), Map.of(), steps, 0))));
        }
        return out;
    }
}
