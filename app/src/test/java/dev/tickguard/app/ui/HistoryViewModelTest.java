package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.control.TickEntry;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.ResultJson;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 19: the History tab pages through every stored tick (not capped at the window's 2,000), jumps, filters. */
class HistoryViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private final FakeControl control = new FakeControl();
    private final List<Runnable> background = new ArrayList<>();
    private HistoryViewModel vm;

    @BeforeEach
    void setUp() {
        for (long n = 1; n <= 2_500; n++) {
            boolean fell = n % 10 == 0;
            StepRecord s = new StepRecord("goal_selection", Priority.CRITICAL, Phase.SEQUENTIAL, 0, fell ? 0 : 12, 3000,
                    fell ? StepOutcome.FALLBACK : StepOutcome.SUCCESS, fell ? StepCause.TIMEOUT : null,
                    fell ? FallbackSource.CACHE : null, fell ? "timed out" : null, false);
            TickRecord r = new TickRecord(n, T0.plusSeconds(60 * n), 40, n > 2_400 ? SystemMode.DEGRADED : SystemMode.NORMAL,
                    false, null, null, TickCounts.of(List.of(s)), Map.of(), List.of(s), 0, n == 5, n == 5 ? List.of("goal_selection") : List.of());
            control.stored.add(new TickEntry(0, r, Map.of("goal_selection", ResultJson.of("{\"goal\":\"g" + n + "\"}"))));
        }
        vm = new HistoryViewModel(control, background::add, Runnable::run, ZoneOffset.UTC);
    }

    private void readAll() {
        while (!background.isEmpty()) {
            background.remove(0).run();
        }
    }

    @Test
    void pagesReachBeyondTheWindowsTwoThousandTicksAndComeBack() {
        vm.newest();
        assertThat(vm.pageProperty().get()).isEqualTo("Reading...");
        readAll();
        assertThat(vm.rows()).hasSize(HistoryViewModel.PAGE);
        assertThat(vm.rows().get(0).tick()).isEqualTo(2_500);
        assertThat(vm.pageProperty().get()).isEqualTo("Ticks #2,500 to #2,401, newest first");
        assertThat(vm.newerProperty().get()).isFalse();
        for (int i = 0; i < 24; i++) {
            vm.older();
            readAll();
        }
        assertThat(vm.rows()).extracting(HistoryViewModel.Row::tick).startsWith(100L).endsWith(1L);
        assertThat(vm.olderProperty().get()).isTrue();
        vm.older();
        readAll();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.olderProperty().get()).isFalse();
        vm.newer();
        readAll();
        vm.newer();
        readAll();
        assertThat(vm.rows().get(0).tick()).isEqualTo(200);
    }

    @Test
    void jumpToATickNumberOrATimeAndSeeItsResult() {
        vm.jumpProperty().set("#5");
        vm.jump();
        readAll();
        assertThat(vm.rows().get(0).tick()).isEqualTo(5);
        assertThat(vm.rows().get(0).note()).isEqualTo("resumed after a crash (1 steps restored)");
        assertThat(vm.detailsProperty().get()).contains("Tick #5", "goal_selection: success in 12 ms", "{\"goal\":\"g5\"}",
                "restored: goal_selection");

        vm.jumpProperty().set("2026-11-28 14:00");
        vm.jump();
        readAll();
        assertThat(vm.rows().get(0).tick()).isEqualTo(120);

        vm.jumpProperty().set("last tuesday");
        vm.jump();
        assertThat(vm.problemProperty().get()).startsWith("'last tuesday' is neither a tick number nor a time");
        assertThat(vm.rows().get(0).tick()).as("a bad jump keeps the page").isEqualTo(120);
    }

    @Test
    void filtersSayWhatTheyShow() {
        vm.outcomeProperty().set("FALLBACK");
        vm.stepProperty().set("goal_selection");
        vm.newest();
        readAll();
        assertThat(vm.rows()).allSatisfy(r -> assertThat(r.tick() % 10).isZero());
        assertThat(vm.rows().get(0).steps()).isEqualTo("0 ok, 1 fell back");
        assertThat(vm.pageProperty().get()).endsWith(", with step goal_selection fallback");
        vm.modeProperty().set("EMERGENCY");
        vm.newest();
        readAll();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.pageProperty().get()).isEqualTo("No tick matches.");
    }

    @Test
    void anAnswerToAReplacedRequestIsDropped() {
        vm.newest();
        vm.jumpProperty().set("7");
        vm.jump();
        readAll();
        assertThat(vm.rows().get(0).tick()).isEqualTo(7);
    }

    @Test
    void anUnreadableDatabaseIsSaidInASentence() {
        FakeControl failing = new FakeControl();
        failing.historyFailure = new IllegalStateException("cannot read the history: disk I/O error");
        HistoryViewModel broken = new HistoryViewModel(failing, Runnable::run, Runnable::run, ZoneOffset.UTC);
        broken.newest();
        assertThat(broken.problemProperty().get())
                .isEqualTo("The history cannot be read now: cannot read the history: disk I/O error");
        assertThat(broken.rows()).isEmpty();
    }

    @Test
    void theNewestPageFollowsNewTicksWhileShownAndKeepsTheSelection() {
        vm.newest();
        readAll();
        vm.selectedProperty().set(vm.rows().get(3));
        vm.follow(2_500);
        assertThat(background).as("not on screen: no read").isEmpty();
        vm.showing(true);
        control.stored.add(new TickEntry(0, new TickRecord(2_501, T0, 1, SystemMode.NORMAL, false, null, null,
                TickCounts.of(List.of()), Map.of(), List.of(), 0, false, List.of()), Map.of()));
        vm.follow(2_501);
        readAll();
        assertThat(vm.rows().get(0).tick()).isEqualTo(2_501);
        assertThat(vm.selectedProperty().get().tick()).isEqualTo(2_497);
        vm.follow(2_501);
        assertThat(background).as("no new tick: no read").isEmpty();
        // The newest row selected follows to the new newest.
        vm.selectedProperty().set(vm.rows().get(0));
        control.stored.add(new TickEntry(0, new TickRecord(2_502, T0, 1, SystemMode.NORMAL, false, null, null,
                TickCounts.of(List.of()), Map.of(), List.of(), 0, false, List.of()), Map.of()));
        vm.follow(2_502);
        readAll();
        assertThat(vm.selectedProperty().get().tick()).isEqualTo(2_502);
        vm.older();
        readAll();
        vm.follow(2_503);
        assertThat(background).as("an older page stays put").isEmpty();
    }

    @Test
    void aTickWhoseResultsAreNoLongerKeptSaysSoRatherThanNoResult() {
        // Issue 19 (size): results are pruned before records (persistence.keep_results_days).
        StepRecord ok = new StepRecord("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 12, 3000,
                StepOutcome.SUCCESS, null, null, null, false);
        StepRecord failed = new StepRecord("curiosity", Priority.OPTIONAL, Phase.PARALLEL, 0, 12, 3000,
                StepOutcome.FAILED, StepCause.ERROR, null, "boom", false);
        control.stored.clear();
        control.stored.add(new TickEntry(0, new TickRecord(3, T0, 1, SystemMode.NORMAL, false, null, null,
                TickCounts.of(List.of(ok, failed)), Map.of(), List.of(ok, failed), 0), Map.of(), false));
        vm.newest();
        readAll();
        vm.selectedProperty().set(vm.rows().get(0));
        assertThat(vm.detailsProperty().get())
                .contains("monologue: success in 12 ms\n  " + TickEntry.RESULT_NOT_KEPT)
                .contains("(boom)\n  no result");
    }
}
