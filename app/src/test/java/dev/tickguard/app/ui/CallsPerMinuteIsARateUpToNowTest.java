package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.TickEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 6: "179 calls/min" after two idle minutes. Calls per minute is the calls of the last
 * five minutes over the time watched (at most five minutes, at least one), up to now: it falls to 0
 * while idle, and the summary says over what window.
 */
class CallsPerMinuteIsARateUpToNowTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aBurstIsSpreadOverTheTimeWatchedAndIdleMinutesBringItToZero() {
        MovingClock clock = new MovingClock();
        LatencyViewModel vm = new LatencyViewModel(clock);
        for (int i = 0; i < 180; i++) {
            vm.apply(new TickEvent.LlmCall(T0.plusMillis(10L * i), "chat", "m", 5, true, null));
        }
        clock.now = T0.plusSeconds(2);
        vm.endBatch();
        assertThat(vm.summaryProperty().get()).contains("180 calls/min (last 5 min)");

        clock.now = T0.plus(Duration.ofMinutes(3));
        vm.refreshClock();
        assertThat(vm.summaryProperty().get()).contains("60 calls/min (last 5 min)");

        clock.now = T0.plus(Duration.ofMinutes(7));
        vm.refreshClock();
        assertThat(vm.summaryProperty().get()).contains(" 0 calls/min (last 5 min)");
    }
}
