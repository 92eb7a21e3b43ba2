package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.BreakerState;
import dev.tickguard.events.EngineState;
import dev.tickguard.events.TickEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 (idle cost): the window's clock runs only when something shown changes by itself, so each
 * "next change" must be exact: the text shown just before it is the text shown now (no run was needed
 * earlier), and nothing that changes is missed.
 */
class WindowClockSleepsUntilSomethingChangesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00.250Z");

    private static String countdown(Instant now, Instant next) {
        return HeaderViewModel.countdown(Math.max(0, Duration.between(now, next).toSeconds()));
    }

    @Test
    void theTicksCountdownIsRedrawnOnlyWhenItsTextChanges() {
        AppInfo app = new AppInfo("http://127.0.0.1:11434", "llama3.2", true, Path.of("data"), Path.of("data/plugins"),
                false, Duration.ofSeconds(3600), List.of());
        HeaderViewModel header = new HeaderViewModel(new FakeControl(), app);
        header.apply(new TickEvent.EngineStateChanged(T0, EngineState.PAUSED, EngineState.RUNNING, Duration.ofSeconds(3600)));
        Instant tickAt = T0.plusSeconds(3600);
        Instant now = T0;
        int changes = 0;
        while (true) {
            Instant next = header.nextClockChange(now);
            if (next == null || !next.isBefore(tickAt)) {
                break;
            }
            assertThat(next).isAfter(now);
            assertThat(countdown(next.minusMillis(1), tickAt)).as("no change missed before %s", next)
                    .isEqualTo(countdown(now, tickAt));
            assertThat(countdown(next, tickAt)).as("a change at %s", next).isNotEqualTo(countdown(now, tickAt));
            now = next;
            changes++;
        }
        // 58 minute steps (60m .. 3m, then "2m"), then 119 s to 1 s, one a second: not 3,600 runs.
        assertThat(changes).isBetween(170, 185);
        header.apply(new TickEvent.EngineStateChanged(now, EngineState.RUNNING, EngineState.PAUSED, Duration.ofSeconds(3600)));
        assertThat(header.nextClockChange(now)).as("paused: nothing counts down").isNull();
    }

    @Test
    void anOpenBreakersCountdownIsRedrawnEachWholeSecondAndNotOnceClosed() {
        BreakerTileViewModel tile = new BreakerTileViewModel("ollama:chat", new FakeControl());
        tile.changed(BreakerState.OPEN, T0, "3 failures", 60_000);
        Instant openUntil = T0.plusSeconds(60);
        Instant now = T0.plusMillis(137);
        for (int i = 0; i < 5; i++) {
            Instant next = tile.nextClockChange(now);
            long shown = (long) Math.ceil(Duration.between(now, openUntil).toMillis() / 1000.0);
            long before = (long) Math.ceil(Duration.between(next.minusMillis(1), openUntil).toMillis() / 1000.0);
            long after = (long) Math.ceil(Duration.between(next, openUntil).toMillis() / 1000.0);
            assertThat(before).isEqualTo(shown);
            assertThat(after).isEqualTo(shown - 1);
            now = next;
        }
        tile.changed(BreakerState.HALF_OPEN, now, "trial", 0);
        assertThat(tile.nextClockChange(now)).isNull();
    }

    @Test
    void callsPerMinuteIsRecountedWhenItsShownFigureCanChangeAndNotAfterTheCallsLeftTheWindow() {
        CallsPerMinuteIsARateUpToNowTest.MovingClock clock = new CallsPerMinuteIsARateUpToNowTest.MovingClock();
        clock.now = T0;
        LatencyViewModel latency = new LatencyViewModel(clock);
        assertThat(latency.nextClockChange()).as("no calls: nothing moves").isNull();
        for (int i = 0; i < 12; i++) {
            latency.apply(new TickEvent.LlmCall(T0.plusMillis(100L * i), "chat", "m", 40, true, null));
        }
        latency.endBatch();
        int runs = 0;
        while (true) {
            Instant next = latency.nextClockChange();
            if (next == null) {
                break;
            }
            assertThat(next).isAfter(clock.now);
            String shown = latency.summaryProperty().get();
            // Sampled between now and the next run, the figure does not move: no run was needed sooner.
            long span = Duration.between(clock.now, next).toMillis();
            for (long at : new long[] {span / 3, span / 2, span - 1}) {
                Instant t = clock.now.plusMillis(at);
                Instant saved = clock.now;
                clock.now = t;
                latency.refreshClock();
                assertThat(latency.summaryProperty().get()).as("at %s", t).isEqualTo(shown);
                clock.now = saved;
            }
            clock.now = next;
            latency.refreshClock();
            runs++;
            assertThat(runs).as("a bounded number of runs").isLessThan(100);
        }
        assertThat(latency.summaryProperty().get()).contains(" 0 calls/min");
        assertThat(Duration.between(T0, clock.now)).isGreaterThanOrEqualTo(LatencyViewModel.WINDOW);
    }

    /**
     * Events re-read what changes without them (the countdown after "Tick #1 done", the status line): in
     * their own frame when the clock last ran a second ago or more, so an isolated event on an idle window
     * wakes it once, not again a second later (issue 18); else within a second of its last run, so a storm
     * runs the clock about once a second, not in every frame.
     */
    @Test
    void eventsRunTheClockInTheirOwnFrameAtMostOnceASecondAndAnIdleClockSleepsUpToAMinute() {
        int[] runs = {0};
        FxPump<Integer> pump = new FxPump<>(10, (batch, resync) -> { });
        pump.every(() -> Duration.ofDays(1), () -> runs[0]++);
        try {
            pump.offer(1);
            pump.drainOnce();
            assertThat(runs[0]).as("the clock ran in the events' own frame").isEqualTo(1);
            assertThat(pump.plannedClockMillis()).as("then it sleeps as long as nothing changes by itself")
                    .isGreaterThan(FxPump.AFTER_EVENTS.toMillis()).isLessThanOrEqualTo(FxPump.MAX_CLOCK.toMillis());
            // Events right after the clock's run (a tick's end just after it) still bring it within a second:
            // they did not, once, and "Tick #1 done in 9429 ms" stayed up to a minute instead of the countdown.
            pump.offer(2);
            pump.drainOnce();
            assertThat(runs[0]).as("not twice within a second").isEqualTo(1);
            assertThat(pump.plannedClockMillis()).isBetween(1L, FxPump.AFTER_EVENTS.toMillis() + 1);
            pump.runClockNow();
            assertThat(runs[0]).isEqualTo(2);
            assertThat(pump.plannedClockMillis()).isGreaterThan(FxPump.AFTER_EVENTS.toMillis());
        } finally {
            pump.stop();
        }
    }
}
