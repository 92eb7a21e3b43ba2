package dev.tickguard.control.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 18 item 6: the closing line sums up the run (it said only "4/5 calls", the last tick's run total). */
class RunSummaryTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

    private static TickRecord tick(long n, StepOutcome outcome, String abort) {
        List<StepRecord> steps = List.of(new StepRecord("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 10, 3000,
                outcome, outcome == StepOutcome.SUCCESS ? null : StepCause.ERROR,
                outcome == StepOutcome.SUCCESS ? null : FallbackSource.CUSTOM, null, false));
        return new TickRecord(n, T0.plusSeconds(n), 10, SystemMode.NORMAL, false, null, abort, TickCounts.of(steps),
                Map.of(), steps, 0);
    }

    @Test
    void theClosingLineCountsTicksByHowTheyEndedAndCallsSentApartFromRefused() {
        RunSummary s = new RunSummary(T0);
        s.accept(new TickEvent.TickFinished(T0.plusSeconds(1), tick(1, StepOutcome.SUCCESS, null)));
        s.accept(new TickEvent.LlmCall(T0, "chat", "m", 10, true, null));
        s.accept(new TickEvent.LlmCall(T0, "chat", "m", 10, false, "HTTP 500"));
        s.accept(new TickEvent.LlmCall(T0, "chat", "m", 0, false, "breaker ollama:chat is open", true, 0, -1));
        s.accept(new TickEvent.ModeChanged(T0, SystemMode.NORMAL, SystemMode.DEGRADED, "ollama:chat is forced open by you: "
                + "set it to Auto to recover"));
        s.accept(new TickEvent.TickFinished(T0.plusSeconds(2), tick(2, StepOutcome.FALLBACK, null)));
        s.accept(new TickEvent.TickFinished(T0.plusSeconds(3), tick(3, StepOutcome.FALLBACK, "SIGTERM")));
        assertThat(s.line(T0.plusSeconds(125))).isEqualTo("[Tickguard] Stopped after 3 ticks in 2m 5s: 1 fully successful, "
                + "1 with fallbacks, 0 skipped, 1 stopped early; Ollama answered 1 of 2 calls sent, 1 refused by breakers; "
                + "mode at the end: DEGRADED (ollama:chat is forced open by you: set it to Auto to recover)");
    }

    @Test
    void aRunWithoutTicksSaysSo() {
        assertThat(new RunSummary(T0).line(T0.plusSeconds(4)))
                .isEqualTo("[Tickguard] Stopped after 0 ticks in 4s; Ollama answered 0 of 0 calls sent, 0 refused by "
                        + "breakers; mode at the end: NORMAL");
    }
}
