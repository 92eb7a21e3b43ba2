package dev.tickguard.control.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SystemMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21 item 2: the per-tick Ollama line names the pool endpoints that served and the failovers. */
class OllamaSummaryNamesThePoolEndpointsTest {

    private static TickEvent.LlmCall call(boolean ok, String endpoint, List<String> failedOver) {
        return new TickEvent.LlmCall(Instant.EPOCH, "chat", "llama3.2", 100, ok, ok ? null : "x", false, 0, -1,
                endpoint, failedOver, "monologue", 1);
    }

    @Test
    void theLineEndsWithWhoServedAndHowManyFailovers() {
        OllamaSummary s = new OllamaSummary();
        s.accept(new TickEvent.TickStarted(Instant.EPOCH, 1, SystemMode.NORMAL));
        s.accept(call(true, "gpu1", List.of()));
        s.accept(call(true, "gpu2", List.of("gpu1")));
        s.accept(call(true, "gpu1", List.of()));
        s.accept(call(false, "gpu2", List.of("gpu1")));

        assertThat(s.line(1)).endsWith("; served by gpu1 2, gpu2 1; 2 failovers");

        s.accept(new TickEvent.TickStarted(Instant.EPOCH, 2, SystemMode.NORMAL));
        s.accept(call(true, "gpu2", List.of()));
        assertThat(s.line(2)).endsWith("run total 4/5 calls; served by gpu2 1");
    }

    @Test
    void aSingleServersLineStaysAsItWas() {
        OllamaSummary s = new OllamaSummary();
        s.accept(new TickEvent.TickStarted(Instant.EPOCH, 1, SystemMode.NORMAL));
        s.accept(call(true, "default", List.of()));
        assertThat(s.line(1)).endsWith("run total 1/1 calls");
    }
}
