package dev.tickguard.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.OllamaSettings;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.LlmException;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResilientLlmTest {
    static final String DONE = "{\"message\":{\"content\":\"fine\"},\"done\":true}\n";

    MockWebServer server;
    EventBus bus;
    BreakerRegistry breakers;
    OllamaClient client;
    ResilientLlm llm;
    final List<TickEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        bus = new EventBus();
        bus.subscribe("test", events::add);
        breakers = new BreakerRegistry(new BreakerSettings(3, Duration.ofMinutes(1), 1), bus, TimeSource.system());
        client = new OllamaClient(server.url("/").toString(), Duration.ofSeconds(2), Duration.ofSeconds(5), null);
        OllamaSettings s = OllamaSettings.defaults().withUrl(server.url("/").toString());
        llm = new ResilientLlm(client, new OllamaSettings(s.url(), "llama3.2", "nomic-embed-text", s.connectTimeout(),
                s.readTimeout(), 2, 1000, "5m"), breakers, bus, TimeSource.system());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdown();
        bus.close();
    }

    @Test
    void busyAndServerErrorsAreRetriedWithBackoff() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":\"server busy\"}"));
        server.enqueue(new MockResponse().setResponseCode(500).setBody("{\"error\":\"runner died\"}"));
        server.enqueue(new MockResponse().setBody(DONE));
        assertThat(llm.chat("", "hi")).isEqualTo("fine");
        assertThat(server.getRequestCount()).isEqualTo(3);
        TickEvent.LlmCall call = calls(1).get(0);
        assertThat(call.success()).isTrue();
        assertThat(call.retries()).isEqualTo(2);
        assertThat(call.ttftMs()).isBetween(0L, call.latencyMs());
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"error\":\"invalid options\"}"));
        assertThatThrownBy(() -> llm.chat("", "hi")).isInstanceOf(LlmException.class).hasMessageContaining("invalid options");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void missingModelIsExplainedOnceNotPerCall() {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}"));
        }
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> llm.chat("", "hi")).isInstanceOf(LlmException.class);
        }
        bus.drain(Duration.ofSeconds(5));
        List<TickEvent.Notice> notices = events.stream().filter(e -> e instanceof TickEvent.Notice)
                .map(e -> (TickEvent.Notice) e).toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).message()).startsWith("model 'llama3.2' not found at http://")
                .contains("run `ollama pull llama3.2`, or set ollama.model");
    }

    @Test
    void breakerOpensAfterThreeFailedCallsAndThenRefusesWithoutTraffic() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"error\":\"bad\"}"));
        }
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> llm.chat("", "hi")).isInstanceOf(LlmException.class);
        }
        assertThat(breakers.get(ResilientLlm.CHAT_BREAKER).state()).isEqualTo(BreakerState.OPEN);
        assertThatThrownBy(() -> llm.chat("", "hi")).hasMessageContaining("breaker ollama:chat is open");
        assertThat(server.getRequestCount()).isEqualTo(3);
        // The embed breaker is separate.
        assertThat(breakers.get(ResilientLlm.EMBED_BREAKER).state()).isEqualTo(BreakerState.CLOSED);
        // The refused call sent nothing: it is marked refused, not counted as a failed call.
        assertThat(calls(4)).extracting(TickEvent.LlmCall::refused).containsExactly(false, false, false, true);
        assertThat(calls(4)).extracting(TickEvent.LlmCall::success).containsOnly(false);
    }

    @Test
    void forcedOpenBreakerRefusesAtOnce() {
        breakers.get(ResilientLlm.EMBED_BREAKER).forceOpen();
        assertThatThrownBy(() -> llm.embed("text")).hasMessageContaining("forced open");
        assertThat(server.getRequestCount()).isZero();
        assertThat(calls(1).get(0).refused()).isTrue();
    }

    @Test
    void forcedClosedBreakerLetsFailuresThroughWithoutOpening() {
        breakers.get(ResilientLlm.CHAT_BREAKER).forceClosed();
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"error\":\"bad\"}"));
            assertThatThrownBy(() -> llm.chat("", "hi")).isInstanceOf(LlmException.class).hasMessageContaining("bad");
        }
        assertThat(server.getRequestCount()).isEqualTo(5);
        assertThat(breakers.get(ResilientLlm.CHAT_BREAKER).circuitState()).isEqualTo(BreakerState.CLOSED);
        assertThat(breakers.get(ResilientLlm.CHAT_BREAKER).consecutiveFailures()).isZero();
    }

    @Test
    void jsonAnswersAreParsedAndGarbageRefused() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"message\":{\"content\":\"{\\\"goal\\\":\\\"observe\\\"}\"},\"done\":true}\n"));
        server.enqueue(new MockResponse().setBody("{\"message\":{\"content\":\"not json at all\"},\"done\":true}\n"));
        JsonNode n = llm.chatJson("", "goal?", null);
        assertThat(n.get("goal").asText()).isEqualTo("observe");
        assertThatThrownBy(() -> llm.chatJson("", "goal?", null)).isInstanceOf(LlmException.class)
                .hasMessageContaining("not valid JSON");
    }

    /** The LLM call events published so far, waiting until there are {@code n}. */
    private List<TickEvent.LlmCall> calls(int n) {
        org.awaitility.Awaitility.await().until(() -> events.stream().filter(e -> e instanceof TickEvent.LlmCall).count() >= n);
        return events.stream().filter(e -> e instanceof TickEvent.LlmCall).map(e -> (TickEvent.LlmCall) e).toList();
    }
}
