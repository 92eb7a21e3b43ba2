package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.Sequenced;
import dev.tickguard.control.BreakerStatus;
import dev.tickguard.events.TickEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 (left open): a breaker tile's "failures in a row" came from the clock's snapshot only, so it
 * lagged up to a second behind the transition it explains ("OPEN" beside "0 failures in a row"). It now
 * follows the breaker's own event, and each call the breaker counted, in the same batch.
 */
class BreakerTileCountsFollowTheEventTest {
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");
    private final FakeControl control = new FakeControl();
    private long seq;

    private static BreakerStatus chat(BreakerState state, long failuresInARow, long calls) {
        return new BreakerStatus("ollama:chat", state, state, BreakerMode.AUTO, false, failuresInARow,
                calls == 0 ? 1.0 : 0.0, calls, state == BreakerState.OPEN ? Duration.ofSeconds(60) : Duration.ZERO, null);
    }

    private void batch(DashboardViewModel vm, TickEvent... events) {
        vm.apply(java.util.Arrays.stream(events).map(e -> new Sequenced<>(++seq, e)).toList(), false);
    }

    @Test
    void failuresInARowShowWithTheTransitionAndWithEachCountedCall() {
        AppInfo app = new AppInfo("http://127.0.0.1:11434", "llama3.2", true, Path.of("data"), Path.of("data/plugins"),
                false, Duration.ofSeconds(60), List.of());
        DashboardViewModel vm = new DashboardViewModel(control, app, Clock.fixed(T0, ZoneOffset.UTC), p -> { });
        vm.load(control.snapshot());
        BreakerTileViewModel tile = vm.breakers().find("ollama:chat");
        assertThat(tile.detailTextProperty().get()).startsWith("0 failures in a row");

        // The breaker counted a failed call: the engine's state says 1 in a row.
        control.snapshot = FakeControl.snapshot(1, List.of(chat(BreakerState.CLOSED, 1, 1)), List.of(), List.of(), List.of());
        batch(vm, new TickEvent.LlmCall(T0, "chat", "llama3.2", 30, false, "HTTP 500"));
        assertThat(tile.detailTextProperty().get()).startsWith("1 failure in a row");

        // The third failure opens it: state and count together, with no clock run in between.
        control.snapshot = FakeControl.snapshot(2, List.of(chat(BreakerState.OPEN, 3, 3)), List.of(), List.of(), List.of());
        batch(vm, new TickEvent.LlmCall(T0, "chat", "llama3.2", 30, false, "HTTP 500"),
                new TickEvent.BreakerChanged(T0, "ollama:chat", BreakerState.CLOSED, BreakerState.OPEN, "3 failures"));
        assertThat(tile.stateTextProperty().get()).isEqualTo("OPEN");
        assertThat(tile.detailTextProperty().get()).startsWith("3 failures in a row");
    }
}
