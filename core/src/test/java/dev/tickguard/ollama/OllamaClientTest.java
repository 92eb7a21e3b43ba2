package dev.tickguard.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against real Ollama response shapes served by MockWebServer. */
class OllamaClientTest {
    static final String STREAM = """
            {"model":"llama3.2","created_at":"2026-11-27T10:00:00Z","message":{"role":"assistant","content":"Hel"},"done":false}
            {"model":"llama3.2","created_at":"2026-11-27T10:00:00Z","message":{"role":"assistant","content":"lo, "},"done":false}
            {"model":"llama3.2","created_at":"2026-11-27T10:00:00Z","message":{"role":"assistant","content":"world"},"done":false}
            {"model":"llama3.2","created_at":"2026-11-27T10:00:01Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":1250000000,"load_duration":5000000,"prompt_eval_count":26,"prompt_eval_duration":130000000,"eval_count":3,"eval_duration":1100000000,"context":[1,2,3],"unknown_future_field":{"x":1}}
            """;

    MockWebServer server;
    OllamaClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        client = new OllamaClient(server.url("/").toString(), Duration.ofSeconds(2), Duration.ofSeconds(2), null);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdown();
    }

    static OllamaApi.ChatRequest request(JsonNode format) {
        return new OllamaApi.ChatRequest("llama3.2", List.of(OllamaApi.Message.user("hi")), true, format, null, "5m");
    }

    @Test
    void streamSplitAtAwkwardByteBoundariesIsReassembled() throws Exception {
        // 7-byte chunks cut through JSON tokens and multi-byte lines alike.
        server.enqueue(new MockResponse().setChunkedBody(STREAM, 7).setHeader("Content-Type", "application/x-ndjson"));
        List<String> pieces = new ArrayList<>();
        OllamaApi.ChatResponse r = client.chatStream(request(null), c -> pieces.add(c.text()));
        assertThat(r.text()).isEqualTo("Hello, world");
        assertThat(r.done()).isTrue();
        assertThat(r.doneReason()).isEqualTo("stop");
        assertThat(r.totalDuration()).isEqualTo(1_250_000_000L);
        assertThat(r.evalCount()).isEqualTo(3);
        assertThat(pieces).containsExactly("Hel", "lo, ", "world", "");
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getPath()).isEqualTo("/api/chat");
        JsonNode body = OllamaClient.JSON.readTree(sent.getBody().readUtf8());
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("keep_alive").asText()).isEqualTo("5m");
        assertThat(body.has("format")).isFalse();
    }

    @Test
    void aLargeLastLineIsReadWhole() throws Exception {
        String big = "x".repeat(300_000);
        String stream = "{\"message\":{\"content\":\"a\"},\"done\":false}\n"
                + "{\"message\":{\"content\":\"" + big + "\"},\"done\":true,\"done_reason\":\"length\"}\n";
        server.enqueue(new MockResponse().setChunkedBody(stream, 4096));
        OllamaApi.ChatResponse r = client.chatStream(request(null), null);
        assertThat(r.text()).hasSize(1 + big.length());
        assertThat(r.doneReason()).isEqualTo("length");
    }

    @Test
    void errorLineMidStreamIsAFailure() {
        server.enqueue(new MockResponse().setBody("""
                {"message":{"content":"par"},"done":false}
                {"error":"an error was encountered while running the model: unexpected EOF"}
                """));
        assertThatThrownBy(() -> client.chatStream(request(null), null))
                .isInstanceOfSatisfying(OllamaException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OllamaException.Kind.STREAM_ERROR);
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.getMessage()).contains("unexpected EOF");
                });
    }

    @Test
    void streamWithoutDoneIsAFailure() {
        server.enqueue(new MockResponse().setBody("{\"message\":{\"content\":\"par\"},\"done\":false}\n"));
        assertThatThrownBy(() -> client.chatStream(request(null), null))
                .isInstanceOfSatisfying(OllamaException.class,
                        e -> assertThat(e.kind()).isEqualTo(OllamaException.Kind.STREAM_INCOMPLETE));
    }

    @Test
    void statusCodesAreClassifiedByStatusNotWording() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"error\":\"model 'nope' not found\"}"));
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"error\":\"model \\\"nope\\\" not found, try pulling it first\"}"));
        server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"error\":\"invalid format\"}"));
        server.enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}"));
        server.enqueue(new MockResponse().setResponseCode(500).setBody("{\"error\":\"llama runner process has terminated\"}"));
        server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>bad gateway</html>"));
        List<OllamaException.Kind> kinds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try {
                client.chat(request(null));
            } catch (OllamaException e) {
                kinds.add(e.kind());
            }
        }
        assertThat(kinds).containsExactly(OllamaException.Kind.MODEL_NOT_FOUND, OllamaException.Kind.MODEL_NOT_FOUND,
                OllamaException.Kind.BAD_REQUEST, OllamaException.Kind.BUSY, OllamaException.Kind.SERVER_ERROR,
                OllamaException.Kind.SERVER_ERROR);
    }

    @Test
    void slowFirstByteWithinTheReadTimeoutIsFineBeyondItIsATimeout() throws Exception {
        server.enqueue(new MockResponse().setBody(STREAM).setHeadersDelay(500, TimeUnit.MILLISECONDS));
        assertThat(client.chatStream(request(null), null).text()).isEqualTo("Hello, world");
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        assertThatThrownBy(() -> client.chatStream(request(null), null))
                .isInstanceOfSatisfying(OllamaException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OllamaException.Kind.TIMEOUT);
                    assertThat(e.kind().isTransient()).isFalse();
                });
    }

    @Test
    void resetConnectionIsAConnectFailure() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        assertThatThrownBy(() -> client.version())
                .isInstanceOfSatisfying(OllamaException.class, e -> assertThat(e.kind()).isEqualTo(OllamaException.Kind.CONNECT));
    }

    @Test
    void malformedJsonIsClassified() {
        server.enqueue(new MockResponse().setBody("{\"version\": "));
        assertThatThrownBy(() -> client.version())
                .isInstanceOfSatisfying(OllamaException.class, e -> assertThat(e.kind()).isEqualTo(OllamaException.Kind.MALFORMED));
    }

    @Test
    void nonStreamingChatEmbedTagsPsAndVersion() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"goal\\\":\\\"x\\\"}\"},\"done\":true}"));
        server.enqueue(new MockResponse().setBody("{\"model\":\"nomic-embed-text\",\"embeddings\":[[0.1,-0.2,0.3],[0.0,1.0,0.0]]}"));
        server.enqueue(new MockResponse().setBody("{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\",\"size\":2019393189,\"digest\":\"a80c\",\"details\":{\"family\":\"llama\"}}]}"));
        server.enqueue(new MockResponse().setBody("{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\",\"size\":5137025024,\"size_vram\":5137025024,\"expires_at\":\"2026-11-27T10:05:00Z\"}]}"));
        server.enqueue(new MockResponse().setBody("{\"version\":\"0.12.6\"}"));

        OllamaApi.ChatResponse chat = client.chat(request(TextNode.valueOf("json")));
        assertThat(chat.text()).isEqualTo("{\"goal\":\"x\"}");
        assertThat(chat.totalDuration()).isNull();
        JsonNode sent = OllamaClient.JSON.readTree(server.takeRequest().getBody().readUtf8());
        assertThat(sent.get("stream").asBoolean()).isFalse();
        assertThat(sent.get("format").asText()).isEqualTo("json");

        OllamaApi.EmbedResponse emb = client.embed(new OllamaApi.EmbedRequest("nomic-embed-text", List.of("a", "b"), null));
        assertThat(emb.embeddings()).hasSize(2);
        assertThat(emb.embeddings().get(0)).containsExactly(0.1f, -0.2f, 0.3f);
        assertThat(OllamaClient.JSON.readTree(server.takeRequest().getBody().readUtf8()).get("input").size()).isEqualTo(2);

        assertThat(client.tags().models()).extracting(OllamaApi.ModelInfo::name).containsExactly("llama3.2:latest");
        assertThat(client.ps().models().get(0).sizeVram()).isEqualTo(5_137_025_024L);
        assertThat(client.version().version()).isEqualTo("0.12.6");
    }

    @Test
    void interruptingTheCallerCancelsTheCall() throws Exception {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        OllamaClient slow = new OllamaClient(server.url("/").toString(), Duration.ofSeconds(2), Duration.ofSeconds(60), null);
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                server.takeRequest(); // the call has reached the server
                caller.interrupt();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        interrupter.start();
        assertThatThrownBy(() -> slow.chatStream(request(null), null))
                .isInstanceOfSatisfying(OllamaException.class, e -> assertThat(e.kind()).isEqualTo(OllamaException.Kind.CANCELLED));
        assertThat(Thread.interrupted()).isTrue();
        slow.close();
    }
}
