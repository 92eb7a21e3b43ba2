package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.BreakerMode;
import dev.tickguard.chaos.Chaos;
import dev.tickguard.events.PluginInfo;
import dev.tickguard.events.PluginState;
import dev.tickguard.control.TickEntry;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.ResultJson;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window's view models without a window: events in, properties out, commands to the control API. */
class DashboardViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private final FakeControl control = new FakeControl();
    private final List<Path> opened = new ArrayList<>();
    @org.junit.jupiter.api.io.TempDir
    Path dir;
    private DashboardViewModel vm;
    private long seq;

    @BeforeEach
    void setUp() {
        AppInfo app = new AppInfo("http://127.0.0.1:11434", "llama3.2", true, Path.of("data"), Path.of("data/plugins"),
                false, Duration.ofSeconds(60), List.of(new AppInfo.Setting("tick.interval", "60 s", "default")));
        vm = new DashboardViewModel(control, app, Clock.fixed(T0, ZoneOffset.UTC), opened::add);
        vm.load(control.snapshot());
    }

    private void events(TickEvent... events) {
        List<Sequenced<TickEvent>> batch = new ArrayList<>();
        for (TickEvent e : events) {
            batch.add(new Sequenced<>(++seq, e));
        }
        vm.apply(batch, false);
    }

    private static StepRecord step(String id, Phase phase, long start, long ms, StepOutcome outcome, StepCause cause,
                                   FallbackSource fallback, String error) {
        return new StepRecord(id, Priority.CRITICAL, phase, start, ms, 3000, outcome, cause, fallback, error, false);
    }

    private static TickRecord tick(long n, List<StepRecord> steps) {
        return new TickRecord(n, T0.plusSeconds(n), 900, SystemMode.NORMAL, false, null, null, TickCounts.of(steps),
                Map.of(), steps, 0);
    }

    @Test
    void aBreakerForcedOpenShowsOnItsTileInTheSameBatch() {
        BreakerTileViewModel chat = vm.breakers().find("ollama:chat");
        assertThat(chat.stateTextProperty().get()).isEqualTo("CLOSED");

        events(new TickEvent.BreakerChanged(T0, "ollama:chat", BreakerState.CLOSED, BreakerState.FORCED_OPEN, "forced open"),
                new TickEvent.ModeChanged(T0, SystemMode.NORMAL, SystemMode.DEGRADED, "breaker ollama:chat is open"));

        assertThat(chat.stateTextProperty().get()).isEqualTo("OPEN (forced)");
        assertThat(chat.modeProperty().get()).isEqualTo(BreakerMode.FORCE_OPEN);
        assertThat(chat.countdownTextProperty().get()).isEqualTo("held open until Auto");
        assertThat(vm.header().modeTextProperty().get()).isEqualTo("DEGRADED: breaker ollama:chat is open");
        assertThat(control.calls).as("showing a state must not command it").isEmpty();
    }

    /** Issue 18 item 1: the badge's tooltip starts with the same words as the badge (and the log and the journal). */
    @Test
    void theBadgesTooltipSaysTheSameReasonAsTheBadge() {
        String reason = "Ollama is not reachable at http://127.0.0.1:9: start it with `ollama serve`";
        events(new TickEvent.ModeChanged(T0, SystemMode.NORMAL, SystemMode.DEGRADED, reason));
        assertThat(vm.header().modeTextProperty().get()).isEqualTo("DEGRADED: " + reason);
        assertThat(vm.header().modeHelpProperty().get()).startsWith("DEGRADED: " + reason + "\n");
    }

    /** Issue 18 item 1: a forced breaker is chaos, listed on the Chaos tab and in the banner ("No chaos" was shown). */
    @Test
    void aForcedBreakerIsListedAsChaosOnTheChaosTabAndInTheBanner() {
        Chaos forced = Chaos.forceOpen("ollama:chat");
        events(new TickEvent.ChaosChanged(T0, TickEvent.ChaosChanged.Action.ADDED, forced, List.of(forced)));
        assertThat(vm.chaos().active()).containsExactly(forced);
        assertThat(vm.header().chaosActiveProperty().get()).isTrue();
        assertThat(forced.toString()).isEqualTo("force-open:ollama:chat");
    }

    /** Issue 18 item 5: a long interval's countdown changes once a minute, not every second (each change repaints). */
    @Test
    void theCountdownIsToTheMinuteUntilItsLastTwoMinutes() {
        assertThat(HeaderViewModel.countdown(3599)).isEqualTo("1h 0m");
        assertThat(HeaderViewModel.countdown(3541)).isEqualTo("1h 0m");
        assertThat(HeaderViewModel.countdown(3540)).isEqualTo("59m");
        assertThat(HeaderViewModel.countdown(121)).isEqualTo("3m");
        assertThat(HeaderViewModel.countdown(119)).isEqualTo("119s");
        assertThat(HeaderViewModel.countdown(0)).isEqualTo("0s");
    }

    /** Issue 18 item 6: "100% ok of last 3" was unexplained; the tile says of which calls. */
    @Test
    void theBreakerTileSaysWhichCallsItsShareIsOf() {
        BreakerTileViewModel chat = vm.breakers().find("ollama:chat");
        chat.load(new dev.tickguard.control.BreakerStatus("ollama:chat", BreakerState.CLOSED, BreakerState.CLOSED,
                BreakerMode.AUTO, false, 0, 1.0, 3, Duration.ZERO, null), T0);
        assertThat(chat.detailTextProperty().get()).isEqualTo("0 failures in a row\n100% ok of 3 calls since closed");
        chat.load(new dev.tickguard.control.BreakerStatus("ollama:chat", BreakerState.HALF_OPEN, BreakerState.HALF_OPEN,
                BreakerMode.AUTO, false, 0, 1.0, 0, Duration.ZERO, null), T0);
        assertThat(chat.detailTextProperty().get()).endsWith("no calls counted since half-open");
    }

    @Test
    void theThreeWaySwitchCommandsTheControlApi() {
        BreakerTileViewModel chat = vm.breakers().find("ollama:chat");
        chat.modeProperty().set(BreakerMode.FORCE_CLOSED);
        chat.modeProperty().set(BreakerMode.AUTO);
        assertThat(control.calls).containsExactly("breaker ollama:chat FORCE_CLOSED", "breaker ollama:chat AUTO");
    }

    @Test
    void anOpenBreakerCountsDownToHalfOpenThenSaysReadyToProbe() {
        events(new TickEvent.BreakerChanged(T0, "ollama:chat", BreakerState.CLOSED, BreakerState.OPEN, "3 failures"));
        BreakerTileViewModel chat = vm.breakers().find("ollama:chat");
        chat.refreshClock(T0.plusSeconds(18));
        assertThat(chat.countdownTextProperty().get()).isEqualTo("42s to half-open");
        chat.refreshClock(T0.plusSeconds(61));
        assertThat(chat.countdownTextProperty().get()).isEqualTo("ready to probe");
    }

    @Test
    void eventsAlreadyInTheSnapshotAreNotAppliedTwice() {
        TickEntry one = new TickEntry(5, tick(1, List.of()), Map.of());
        control.snapshot = FakeControl.snapshot(5, control.snapshot.breakers(), List.of(), List.of(one), List.of());
        vm.load(control.snapshot());
        seq = 3;
        events(new TickEvent.TickFinished(T0, tick(1, List.of())), new TickEvent.TickFinished(T0, tick(2, List.of())));
        // seq 4 is older than the snapshot (5): skipped; seq 5 is the snapshot's own: skipped.
        assertThat(vm.timeline().ticks()).extracting(t -> t.record().tick()).containsExactly(1L);
        events(new TickEvent.TickFinished(T0, tick(2, List.of())));
        assertThat(vm.timeline().ticks()).extracting(t -> t.record().tick()).containsExactly(1L, 2L);
        assertThat(vm.shownSeq()).isEqualTo(6);
    }

    @Test
    void aResyncShowsTheEngineTrueStateAfterDroppedEvents() {
        control.snapshot = FakeControl.snapshot(100, List.of(FakeControl.breaker("ollama:chat", BreakerState.OPEN,
                BreakerMode.AUTO)), List.of(), List.of(), List.of());
        vm.apply(List.of(), true);
        assertThat(vm.breakers().find("ollama:chat").stateTextProperty().get()).isEqualTo("OPEN");
        assertThat(vm.shownSeq()).isEqualTo(100);
    }

    @Test
    void aStepsFinishedEventsMakeATimelineRowWhoseSelectionShowsTheResultJson() {
        StepRecord mono = step("monologue", Phase.SEQUENTIAL, 0, 400, StepOutcome.SUCCESS, null, null, null);
        StepRecord goal = step("goal_selection", Phase.SEQUENTIAL, 400, 3000, StepOutcome.FALLBACK, StepCause.TIMEOUT,
                FallbackSource.CUSTOM, "timed out after 3000ms");
        events(new TickEvent.TickStarted(T0, 1, SystemMode.NORMAL),
                new TickEvent.StepFinished(T0, 1, mono, ResultJson.of("{\"thought\":\"hi\"}")),
                new TickEvent.StepFinished(T0, 1, goal, ResultJson.of("{\"goal\":\"observe\",\"risk\":\"low\"}")),
                new TickEvent.TickFinished(T0, tick(1, List.of(mono, goal))));

        vm.timeline().select(1, "goal_selection");

        assertThat(vm.timeline().selectionTitleProperty().get())
                .contains("#1", "goal_selection", "FALLBACK", "custom fallback", "cause: timeout");
        assertThat(vm.timeline().selectionJsonProperty().get()).contains("\"goal\" : \"observe\"").contains("\n");
        assertThat(vm.timeline().selectionErrorProperty().get()).isEqualTo("error: timed out after 3000ms");
        vm.timeline().moveSelection(0, -1);
        assertThat(vm.timeline().selectedStep()).isEqualTo("monologue");
    }

    @Test
    void chaosChangesShowTheBannerAndMarkTheTimeline() {
        Chaos open = Chaos.forceOpen("ollama:chat");
        events(new TickEvent.ChaosChanged(T0, TickEvent.ChaosChanged.Action.ADDED, open, List.of(open)));
        assertThat(vm.header().chaosActiveProperty().get()).isTrue();
        assertThat(vm.header().chaos()).containsExactly(open);
        assertThat(vm.header().chaosTitleProperty().get()).isEqualTo("CHAOS:");

        vm.header().clearChaos();
        assertThat(control.calls).containsExactly("clear");
        events(new TickEvent.ChaosChanged(T0, TickEvent.ChaosChanged.Action.CLEARED, null, List.of()));
        assertThat(vm.header().chaosActiveProperty().get()).isFalse();
        assertThat(vm.timeline().marks()).hasSize(2);
    }

    @Test
    void theChaosFormRefusesABadValueWithTheCommandLinesMessageAndSendsAGoodOne() {
        ChaosViewModel chaos = vm.chaos();
        chaos.faultProperty().set(ChaosViewModel.Fault.OLLAMA_FAIL_RATE);
        chaos.valueProperty().set("2");
        assertThat(chaos.add()).isFalse();
        assertThat(chaos.errorProperty().get()).contains("ollama-fail-rate");
        assertThat(control.calls).isEmpty();

        chaos.valueProperty().set("0.5");
        assertThat(chaos.add()).isTrue();
        assertThat(chaos.errorProperty().get()).isEmpty();
        assertThat(control.calls).containsExactly("add ollama-fail-rate:0.5");
    }

    /** Issue 18 item 6: a failed plugin's file is named once, its state in words; a folder that cannot be opened says why. */
    @Test
    void aFailedPluginsFileIsNamedOnceAndAFolderThatCannotBeOpenedSaysWhy() {
        events(new TickEvent.PluginFailed(T0, "broken.jar", "broken.jar: not a zip file"),
                new TickEvent.PluginFailed(T0, "weather/weather.jar", "weather.jar is not approved (plugins.trust is pinned)"));
        assertThat(vm.steps().failures()).extracting(Object::toString).containsExactly("broken.jar: not a zip file",
                "weather.jar is not approved (plugins.trust is pinned)");
        var problem = StepsViewModel.PluginProblem.of("greeter.jar", PluginState.QUARANTINED, "failed 3 ticks in a row");
        assertThat(problem.toString()).isEqualTo("greeter.jar: quarantined: failed 3 ticks in a row");

        StepsViewModel noDesktop = new StepsViewModel(dir, p -> {
            throw new IllegalStateException("no program to open folders is installed (xdg-open, from xdg-utils)");
        });
        noDesktop.openPluginsFolder();
        assertThat(noDesktop.openProblemProperty().get()).isEqualTo("Cannot open it here: no program to open folders "
                + "is installed (xdg-open, from xdg-utils). Copy its path instead.");
        assertThat(noDesktop.pluginsDirProperty().get()).isEqualTo(dir.toAbsolutePath().toString());
    }

    /** Issue 18 item 6: the Steps table shows the timeout the engine used (adaptive 3 s), not the configured 10 s. */
    @Test
    void theStepsTableShowsTheTimeoutTheEngineUsed() {
        var info = new dev.tickguard.control.StepInfo("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 1,
                Duration.ofSeconds(10), Duration.ofSeconds(10), -1, "built-in", true, "step:monologue");
        StepsViewModel steps = new StepsViewModel(dir, p -> { });
        var s = control.snapshot();
        steps.load(new dev.tickguard.control.ControlSnapshot(1, s.engine(), s.breakers(), s.chaos(), s.llm(), List.of(info),
                s.plugins(), s.histories()));
        assertThat(steps.steps().get(0).currentTimeout()).isEqualTo(Duration.ofSeconds(10));
        steps.apply(new TickEvent.TickFinished(T0, tick(1, List.of(new StepRecord("monologue", Priority.CRITICAL,
                Phase.SEQUENTIAL, 0, 900, 3000, StepOutcome.SUCCESS, null, null, null, false)))));
        assertThat(steps.steps().get(0).currentTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(steps.steps().get(0).configuredTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aFailedPluginIsListedWithItsReason() {
        control.snapshot = FakeControl.snapshot(1, control.snapshot.breakers(), List.of(), List.of(),
                List.of(new PluginInfo("built-in", PluginState.LOADED, List.of("monologue"), null),
                        new PluginInfo("broken.jar", PluginState.FAILED, List.of(), "not a zip file")));
        vm.load(control.snapshot());
        assertThat(vm.steps().failures()).extracting(Object::toString).containsExactly("broken.jar: not a zip file");
        assertThat(vm.steps().failuresTitleProperty().get()).endsWith("1");
        vm.steps().openPluginsFolder();
        assertThat(opened).containsExactly(Path.of("data/plugins"));
    }

    @Test
    void aBadIntervalIsShownAndNotSent() {
        vm.header().intervalProperty().set("soon");
        assertThat(vm.header().applyInterval()).isFalse();
        assertThat(vm.header().intervalErrorProperty().get()).isEqualTo("'soon' is not a number of seconds");
        vm.header().intervalProperty().set("2.5");
        assertThat(vm.header().applyInterval()).isTrue();
        assertThat(control.calls).containsExactly("interval 2500");
    }

    @Test
    void anUnreachableOllamaSaysWhatToDo() {
        events(new TickEvent.HealthChecked(T0, List.of(new dev.tickguard.events.CheckResult("ollama", false, false,
                "cannot connect to http://127.0.0.1:11434", 3))));
        assertThat(vm.header().endpointReachableProperty().get()).isFalse();
        assertThat(vm.header().endpointTextProperty().get()).contains("NOT reachable", "cannot connect", "ollama serve",
                "--simulator");
        assertThat(vm.header().endpointHelpProperty().get()).contains("ollama pull llama3.2");
    }

    /** Issue 18 item 6: the endpoint line follows the calls at once, and forgets a failure once a call succeeds. */
    @Test
    void theEndpointLineFollowsTheCallsNotOnlyTheHealthCheck() {
        events(new TickEvent.HealthChecked(T0, List.of(new dev.tickguard.events.CheckResult("ollama", true, false,
                "ollama 0.12 at http://127.0.0.1:11434, 3ms", 3))),
                new TickEvent.LlmCall(T0, "chat", "llama3.2", 40, false,
                        "connection to http://127.0.0.1:11434 broke off: unexpected end of stream", false, 0, -1));
        assertThat(vm.header().endpointReachableProperty().get()).isFalse();
        assertThat(vm.header().endpointTextProperty().get()).contains("unexpected end of stream");
        events(new TickEvent.LlmCall(T0, "chat", "llama3.2", 812, true, null));
        assertThat(vm.header().endpointReachableProperty().get()).isTrue();
        assertThat(vm.header().endpointTextProperty().get()).contains("reachable, last chat call answered in 812 ms")
                .doesNotContain("end of stream").doesNotContain("IOException");
        // A call its breaker refused never reached Ollama: it says nothing about it.
        events(new TickEvent.LlmCall(T0, "chat", "llama3.2", 0, false, "breaker ollama:chat is open", true, 0, -1));
        assertThat(vm.header().endpointReachableProperty().get()).isTrue();
    }

    @Test
    void theLogKeepsTheConsoleWordsAndFiltersByLevelStepAndText() {
        StepRecord goal = step("goal_selection", Phase.SEQUENTIAL, 0, 3000, StepOutcome.FALLBACK, StepCause.TIMEOUT,
                FallbackSource.CUSTOM, "timed out");
        StepRecord mono = step("monologue", Phase.SEQUENTIAL, 0, 30, StepOutcome.SUCCESS, null, null, null);
        events(new TickEvent.StepFinished(T0, 7, mono), new TickEvent.StepFinished(T0, 7, goal));
        assertThat(vm.log().lines()).hasSize(2);
        assertThat(vm.log().lines().get(1).text())
                .isEqualTo("[HeavyTick #7] Step 'goal_selection' failed (timeout: timed out), using custom fallback");
        vm.log().levelProperty().set(LogViewModel.Shown.WARN);
        assertThat(vm.log().shown()).extracting(LogViewModel.Line::step).containsExactly("goal_selection");
        vm.log().levelProperty().set(LogViewModel.Shown.ALL);
        vm.log().stepProperty().set("mono");
        assertThat(vm.log().shown()).extracting(LogViewModel.Line::step).containsExactly("monologue");
        vm.log().stepProperty().set("");
        vm.log().textProperty().set("CUSTOM");
        assertThat(vm.log().shown()).hasSize(1);
    }

    @Test
    void latencyShowsPercentilesOfSuccessfulCallsAndCountsRefusalsApart() {
        List<TickEvent> calls = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            calls.add(new TickEvent.LlmCall(T0.plusSeconds(i), "chat", "llama3.2", i * 10L, true, null));
        }
        calls.add(new TickEvent.LlmCall(T0.plusSeconds(101), "chat", "llama3.2", 0, false, "breaker open", true, 0, -1));
        calls.add(new TickEvent.LlmCall(T0.plusSeconds(102), "chat", "llama3.2", 5000, false, "HTTP 500", false, 2, -1));
        events(calls.toArray(TickEvent[]::new));
        assertThat(vm.latency().chatPercentiles()).containsExactly(500, 950);
        assertThat(vm.latency().summaryProperty().get()).contains("chat p50 500 ms", "p95 950 ms",
                "1 failed, 1 refused by breaker");
    }
}
