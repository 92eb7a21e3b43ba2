package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.app.ui.CallsPerMinuteIsARateUpToNowTest.MovingClock;
import dev.tickguard.events.TickEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 (idle cost): while idle, the window's clock recounts the calls per minute as time passes. Each
 * change of that figure redrew the latency chart too (a 1264x177 canvas, most of an idle minute's
 * painting), though the chart is drawn against the newest call and cannot change without one. The clock
 * changes the summary's words only; new calls redraw the chart.
 */
class TheClockRedrawsTheRateNotTheLatencyChartTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void theRateFallsWithoutARedrawOfTheChart() {
        MovingClock clock = new MovingClock();
        clock.now = T0;
        LatencyViewModel vm = new LatencyViewModel(clock);
        for (int i = 0; i < 30; i++) {
            vm.apply(new TickEvent.LlmCall(T0.plusMillis(100L * i), "chat", "m", 1_250, true, null));
        }
        clock.now = T0.plusSeconds(5);
        vm.endBatch();
        int drawn = vm.versionProperty().get();
        assertThat(vm.summaryProperty().get()).contains("30 calls/min").contains("chat p50 1.3 s");

        clock.now = T0.plus(Duration.ofMinutes(2));
        vm.refreshClock();
        assertThat(vm.summaryProperty().get()).contains("15 calls/min");
        assertThat(vm.versionProperty().get()).as("the chart is not redrawn by the clock").isEqualTo(drawn);

        vm.apply(new TickEvent.LlmCall(clock.now, "embed", "m", 40, true, null));
        vm.endBatch();
        assertThat(vm.versionProperty().get()).as("a new call redraws the chart").isEqualTo(drawn + 1);
    }

    @Test
    void aFailureLeavingTheWindowIsNoLongerCountedEvenIfTheRateShowsTheSame() {
        MovingClock clock = new MovingClock();
        clock.now = T0;
        LatencyViewModel vm = new LatencyViewModel(clock);
        vm.apply(new TickEvent.LlmCall(T0, "chat", "m", 3_000, false, "timeout"));
        for (int i = 0; i < 4; i++) {
            vm.apply(new TickEvent.LlmCall(T0.plus(Duration.ofMinutes(3)), "chat", "m", 900, true, null));
        }
        clock.now = T0.plus(Duration.ofMinutes(5));
        vm.endBatch();
        assertThat(vm.summaryProperty().get()).contains("1 calls/min").contains("1 failed");

        // A minute on, the failure has left the five-minute window; 4 calls over 5 minutes still round to 1.
        clock.now = T0.plus(Duration.ofMinutes(6));
        vm.refreshClock();
        assertThat(vm.summaryProperty().get()).contains("1 calls/min").contains("0 failed");
    }

    @Test
    void theClockRunsWhenTheEarliestCallLeavesTheWindowNotTheFirstInOrder() {
        MovingClock clock = new MovingClock();
        clock.now = T0.minus(Duration.ofMinutes(10)); // watched for longer than the window: only leaving calls change it
        LatencyViewModel vm = new LatencyViewModel(clock);
        // Parallel steps' calls arrive nearly, not strictly, in time order.
        vm.apply(new TickEvent.LlmCall(T0.plusSeconds(1), "chat", "m", 900, false, "timeout"));
        vm.apply(new TickEvent.LlmCall(T0, "chat", "m", 900, false, "timeout"));
        clock.now = T0.plusSeconds(2);
        vm.endBatch();
        assertThat(vm.nextClockChange()).isEqualTo(T0.plus(LatencyViewModel.WINDOW).plusMillis(1));
    }

    @Test
    void theChartsTimeAxisEndsAtTheNewestCallsTimeNotNow() {
        MovingClock clock = new MovingClock();
        clock.now = Instant.parse("2026-12-07T15:00:00Z");
        LatencyViewModel vm = new LatencyViewModel(clock);
        assertThat(vm.clockTime(Instant.parse("2026-12-07T14:03:12.900Z"))).isEqualTo("14:03:12");
        // After an idle night the newest call was yesterday: the date says so.
        assertThat(vm.clockTime(Instant.parse("2026-12-06T23:59:59Z"))).isEqualTo("Dec 6 23:59:59");
    }

    @Test
    void secondsAreRoundedAsBefore() {
        assertThat(LatencyViewModel.ms(-1)).isEqualTo("-");
        assertThat(LatencyViewModel.ms(999)).isEqualTo("999 ms");
        assertThat(LatencyViewModel.ms(1_000)).isEqualTo("1.0 s");
        assertThat(LatencyViewModel.ms(1_049)).isEqualTo("1.0 s");
        assertThat(LatencyViewModel.ms(1_050)).isEqualTo("1.1 s"); // ties round up, as "%.1f" did
        assertThat(LatencyViewModel.ms(1_250)).isEqualTo("1.3 s");
        assertThat(LatencyViewModel.ms(999_950)).isEqualTo("1000.0 s");
        assertThat(LatencyViewModel.ms(59_960)).isEqualTo("60.0 s");
    }
}
