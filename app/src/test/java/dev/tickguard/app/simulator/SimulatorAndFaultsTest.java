package dev.tickguard.app.simulator;

import dev.tickguard.ollama.FaultInjector;
import dev.tickguard.ollama.OllamaApi;
import dev.tickguard.ollama.OllamaClient;
import dev.tickguard.ollama.OllamaException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in simulator speaks the API the client expects, and the fault injector breaks it on demand. */
class SimulatorAndFaultsTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    OllamaSimulator sim;
    FaultInjector faults;
    OllamaClient client;

    @BeforeEach
    void start() throws Exception {
        sim = OllamaSimulator.start(OllamaSimulator.Settings.instant(7));
        faults = new FaultInjector();
        client = new OllamaClient(sim.url(), Duration.ofSeconds(2), Duration.ofSeconds(5), faults);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    static OllamaApi.ChatRequest chat(String model, JsonNode format) {
        return new OllamaApi.ChatRequest(model, List.of(OllamaApi.Message.user("what do you observe in the sandbox?")),
                true, format, Map.of("temperature", 0.2), null);
    }

    @Test
    void answersAreDeterministicForASeedAndStreamed() throws Exception {
        OllamaApi.ChatResponse a = client.chatStream(chat("llama3.2", null), null);
        OllamaApi.ChatResponse b = client.chatStream(chat("llama3.2:latest", null), null);
        assertThat(a.text()).isNotBlank().isEqualTo(b.text());
        assertThat(a.doneReason()).isEqualTo("stop");
        assertThat(a.evalCount()).isPositive();
        assertThat(client.chat(chat("llama3.2", null)).text()).isEqualTo(a.text());
    }

    @Test
    void schemaAnswersValidate() throws Exception {
        JsonNode schema = JSON.readTree("""
                {"type":"object","required":["goal","action_type","risk","questions"],"properties":{
                  "goal":{"type":"string"},
                  "action_type":{"type":"string","enum":["observe","analyze","write_note"]},
                  "risk":{"type":"number","minimum":0,"maximum":1},
                  "questions":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":3}}}""");
        JsonNode answer = JSON.readTree(client.chatStream(chat("llama3.2", schema), null).text());
        assertThat(answer.get("goal").isTextual()).isTrue();
        assertThat(answer.get("action_type").asText()).isIn("observe", "analyze", "write_note");
        assertThat(answer.get("risk").asDouble()).isBetween(0.0, 1.0);
        assertThat(answer.get("questions").size()).isBetween(1, 3);
    }

    @Test
    void embeddingsHaveAFixedDimensionAndSimilarTextsAreClose() throws Exception {
        OllamaApi.EmbedResponse r = client.embed(new OllamaApi.EmbedRequest("nomic-embed-text",
                List.of("files in the sandbox", "the sandbox files", "quantum banana"), null));
        assertThat(r.embeddings()).allSatisfy(v -> assertThat(v).hasSize(768));
        double near = cos(r.embeddings().get(0), r.embeddings().get(1));
        double far = cos(r.embeddings().get(0), r.embeddings().get(2));
        assertThat(near).isGreaterThan(far);
    }

    @Test
    void documentedErrorShapes() throws Exception {
        assertThatThrownBy(() -> client.chat(chat("mistral", null)))
                .isInstanceOfSatisfying(OllamaException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OllamaException.Kind.MODEL_NOT_FOUND);
                    assertThat(e.getMessage()).contains("not found, try pulling it first");
                });
        sim.busyRate(1);
        assertThatThrownBy(() -> client.chat(chat("llama3.2", null)))
                .isInstanceOfSatisfying(OllamaException.class, e -> assertThat(e.kind()).isEqualTo(OllamaException.Kind.BUSY));
        sim.busyRate(0);
        sim.failRate(1);
        assertThatThrownBy(() -> client.embed(new OllamaApi.EmbedRequest("nomic-embed-text", "x", null)))
                .isInstanceOfSatisfying(OllamaException.class, e -> assertThat(e.kind()).isEqualTo(OllamaException.Kind.SERVER_ERROR));
        sim.failRate(0);
        assertThat(client.version().version()).isEqualTo(OllamaSimulator.VERSION);
        assertThat(client.tags().models()).extracting(OllamaApi.ModelInfo::name)
                .contains("llama3.2:latest", "nomic-embed-text:latest");
        client.chat(chat("llama3.2", null));
        assertThat(client.ps().models()).extracting(OllamaApi.RunningModel::name).contains("llama3.2:latest");
    }

    @Test
    void faultInjectorBreaksCallsOnDemand() throws Exception {
        faults.down(true);
        assertThatThrownBy(() -> client.version())
                .isInstanceOfSatisfying(OllamaException.class, e -> assertThat(e.kind()).isEqualTo(OllamaException.Kind.CONNECT));
        faults.clear();
        faults.cutStream(true);
        assertThatThrownBy(() -> client.chatStream(chat("llama3.2", null), null))
                .isInstanceOfSatisfying(OllamaException.class, e -> assertThat(e.kind()).isEqualTo(OllamaException.Kind.STREAM_INCOMPLETE));
        faults.clear();
        faults.malformed(true);
        assertThatThrownBy(() -> client.version())
                .isInstanceOfSatisfying(OllamaException.class, e -> assertThat(e.kind()).isEqualTo(OllamaException.Kind.MALFORMED));
        faults.clear();
        faults.failRate(1);
        assertThatThrownBy(() -> client.version())
                .isInstanceOfSatisfying(OllamaException.class, e -> assertThat(e.kind()).isEqualTo(OllamaException.Kind.SERVER_ERROR));
        faults.clear();
        faults.latency(50, 50);
        long t0 = System.nanoTime();
        client.version();
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(50);
        assertThat(faults.describe()).isEqualTo("latency 50ms");
    }

    static double cos(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
