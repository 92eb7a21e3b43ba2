package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.app.ui.CallsPerMinuteIsARateUpToNowTest.MovingClock;
import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.EngineStatus;
import dev.tickguard.control.Histories;
import dev.tickguard.events.EngineState;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 (the window tells the truth), the mode strip in the status bar. Its words say the shares since
 * when, so they can stay the same for hours after a mode came back while the stretches move along: the
 * strip is redrawn when its drawing changes too. The header's new mode redraws it at once, so the history
 * must have the change by then. And a resync (events dropped) brings the changes it missed.
 */
class TheModeStripFollowsItsStretchesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");
    @TempDir
    Path dir;

    @Test
    void theStretchesMoveWhileTheWordsStayTheSame() {
        ModeHistory h = new ModeHistory();
        h.start(T0, SystemMode.NORMAL);
        h.changed(T0.plus(Duration.ofMinutes(590)), SystemMode.DEGRADED);
        h.changed(T0.plus(Duration.ofMinutes(600)), SystemMode.NORMAL);
        Instant back = T0.plus(Duration.ofMinutes(600)).plusSeconds(1);
        Instant hourLater = back.plus(Duration.ofHours(1));
        assertThat(h.summary(hourLater, ZoneOffset.UTC)).isEqualTo(h.summary(back, ZoneOffset.UTC))
                .isEqualTo("NORMAL 98%, DEGRADED 2% since 00:00");
        var before = StatusBarExtras.bars(h.segments(back), back);
        var after = StatusBarExtras.bars(h.segments(hourLater), hourLater);
        assertThat(after).as("the DEGRADED stretch moved left as NORMAL went on").isNotEqualTo(before);
        assertThat(before.get(1).x()).isEqualTo(157);
        assertThat(before.get(2)).as("NORMAL again for a second: the strip's last pixel, not past it")
                .isEqualTo(new StatusBarExtras.Bar(159, 1, SystemMode.NORMAL));
        assertThat(after.get(1).x()).isEqualTo(143);
        assertThat(after.get(2).w()).as("the last hour of NORMAL is 16 px of 160").isBetween(15, 16);
    }

    @Test
    void theHeadersNewModeFindsTheChangeInTheHistory() {
        MovingClock clock = new MovingClock();
        FakeControl control = new FakeControl();
        DashboardViewModel vm = openedAtT0(clock, control);
        List<SystemMode> seen = new ArrayList<>();
        vm.header().modeProperty().addListener((o, a, b) -> {
            var segments = vm.modes().segments(clock.now.plusSeconds(1));
            seen.add(segments.get(segments.size() - 1).mode());
        });
        clock.now = T0.plusSeconds(30);
        vm.apply(List.of(new Sequenced<>(1, new TickEvent.ModeChanged(clock.now, SystemMode.NORMAL,
                SystemMode.DEGRADED, "Ollama is not reachable"))), false);
        assertThat(seen).containsExactly(SystemMode.DEGRADED);
    }

    @Test
    void aResyncBringsTheModeChangesItsDroppedEventsCarried() {
        MovingClock clock = new MovingClock();
        FakeControl control = new FakeControl();
        DashboardViewModel vm = openedAtT0(clock, control);
        Instant down = T0.plusSeconds(20);
        Instant back = T0.plusSeconds(40);
        clock.now = T0.plusSeconds(60);
        ControlSnapshot s = control.snapshot;
        control.snapshot = new ControlSnapshot(5, new EngineStatus(EngineState.RUNNING, Duration.ofSeconds(60), 0, 0,
                SystemMode.RECOVERY, "the cause cleared", 0, 0), s.breakers(), s.chaos(), s.llm(), s.steps(), s.plugins(),
                new Histories(List.of(), List.of(), List.of(), List.of(
                        new Sequenced<>(3, new TickEvent.ModeChanged(down, SystemMode.NORMAL, SystemMode.DEGRADED, "x")),
                        new Sequenced<>(4, new TickEvent.ModeChanged(back, SystemMode.DEGRADED, SystemMode.RECOVERY, "y"))),
                        List.of(), List.of(), List.of(), List.of()));
        vm.apply(List.of(), true);
        assertThat(vm.modes().segments(clock.now)).extracting(ModeHistory.Segment::mode)
                .containsExactly(SystemMode.NORMAL, SystemMode.DEGRADED, SystemMode.RECOVERY);
        assertThat(vm.modes().segments(clock.now).get(1).from()).isEqualTo(down);
    }

    /** The window's view model as it opens at T0 on the fake control's snapshot. */
    private DashboardViewModel openedAtT0(MovingClock clock, FakeControl control) {
        clock.now = T0;
        DashboardViewModel vm = new DashboardViewModel(control, TestDashboards.app(dir), clock, p -> { });
        vm.load(control.snapshot());
        return vm;
    }
}
