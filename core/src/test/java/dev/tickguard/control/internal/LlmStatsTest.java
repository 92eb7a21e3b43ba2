package dev.tickguard.control.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.control.LlmEndpointStats;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SystemMode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Statistics per endpoint and the per-tick Ollama line count sent calls apart from calls the breaker refused. */
class LlmStatsTest {
    private static TickEvent.LlmCall ok(String op, long ms, long ttft) {
        return new TickEvent.LlmCall(Instant.EPOCH, op, "m", ms, true, null, false, 0, ttft);
    }

    private static TickEvent.LlmCall failed(long ms, int retries) {
        return new TickEvent.LlmCall(Instant.EPOCH, "chat", "m", ms, false, "HTTP 500", false, retries, -1);
    }

    private static TickEvent.LlmCall refused() {
        return new TickEvent.LlmCall(Instant.EPOCH, "chat", "m", 0, false, "breaker ollama:chat is open", true, 0, -1);
    }

    @Test
    void percentilesOverTheWindowAndRefusedCallsApart() {
        LlmStatsRecorder r = new LlmStatsRecorder();
        for (int ms = 1; ms <= 100; ms++) {
            r.record(ok("chat", ms, ms / 10));
        }
        r.record(failed(1000, 2));
        r.record(refused());
        r.record(ok("embed", 7, -1));
        LlmEndpointStats chat = r.stats().get(0);
        assertThat(chat.endpoint()).isEqualTo("chat");
        assertThat(chat.calls()).isEqualTo(101);
        assertThat(chat.successes()).isEqualTo(100);
        assertThat(chat.failures()).isEqualTo(1);
        assertThat(chat.refusedByBreaker()).isEqualTo(1);
        assertThat(chat.retries()).isEqualTo(2);
        assertThat(chat.latency().samples()).isEqualTo(101);
        assertThat(chat.latency().p50Ms()).isEqualTo(51);
        assertThat(chat.latency().p95Ms()).isEqualTo(96);
        assertThat(chat.latency().p99Ms()).isEqualTo(100);
        assertThat(chat.timeToFirstToken().samples()).isEqualTo(100);
        assertThat(chat.successRate()).isCloseTo(99.0099, org.assertj.core.data.Offset.offset(0.001));
        LlmEndpointStats embed = r.stats().get(1);
        assertThat(embed.calls()).isEqualTo(1);
        assertThat(embed.timeToFirstToken().samples()).isZero();
    }

    @Test
    void theWindowSlides() {
        LlmStatsRecorder r = new LlmStatsRecorder();
        for (int i = 0; i < LlmEndpointStats.WINDOW; i++) {
            r.record(ok("chat", 1000, -1));
        }
        for (int i = 0; i < LlmEndpointStats.WINDOW; i++) {
            r.record(ok("chat", 5, -1));
        }
        assertThat(r.stats().get(0).latency().p99Ms()).isEqualTo(5);
        assertThat(r.stats().get(0).calls()).isEqualTo(2L * LlmEndpointStats.WINDOW);
    }

    @Test
    void theOllamaLineSaysWhatItCounts() {
        OllamaSummary s = new OllamaSummary();
        s.accept(new TickEvent.TickStarted(Instant.EPOCH, 1, SystemMode.NORMAL));
        for (int i = 0; i < 6; i++) {
            s.accept(ok("chat", 100, 10));
            s.accept(failed(300, 0));
        }
        for (int i = 0; i < 30; i++) {
            s.accept(refused());
        }
        assertThat(s.line(1)).isEqualTo("[HeavyTick #1] Ollama: 6/12 calls this tick, 50.00% success, p50 100ms, "
                + "p95 300ms; 30 refused by breaker; run total 6/12 calls");
        s.accept(new TickEvent.TickStarted(Instant.EPOCH, 2, SystemMode.DEGRADED));
        s.accept(refused());
        assertThat(s.line(2)).isEqualTo("[HeavyTick #2] Ollama: 0/0 calls this tick; 1 refused by breaker; "
                + "run total 6/12 calls");
    }
}
