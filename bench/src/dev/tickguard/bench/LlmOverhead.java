package dev.tickguard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.OllamaSettings;
import dev.tickguard.bus.EventBus;
import dev.tickguard.ollama.FaultInjector;
import dev.tickguard.ollama.OllamaClient;
import dev.tickguard.app.simulator.OllamaSimulator;
import dev.tickguard.ollama.ResilientLlm;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The LLM client's own cost per call: {@code ResilientLlm.chat} (breaker, retry, rate limit, stats,
 * events, NDJSON parsing) against the zero-latency simulator, versus raw OkHttp posting the same
 * request to the same server and reading the whole body. Runs alternate in rounds so both see the
 * same machine state.
 */
final class LlmOverhead {
    static final int WARMUP = 3_000;
    static final int ROUNDS = 10;
    static final int PER_ROUND = 1_000;

    static ObjectNode run() throws Exception {
        try (OllamaSimulator sim = OllamaSimulator.start(OllamaSimulator.Settings.instant(3))) {
            EventBus bus = new EventBus();
            bus.subscribe("sink", e -> { });
            BreakerRegistry breakers = new BreakerRegistry(BreakerSettings.defaults(), bus, TimeSource.system());
            OllamaSettings s = OllamaSettings.defaults().withUrl(sim.url());
            s = new OllamaSettings(s.url(), s.model(), s.embedModel(), s.connectTimeout(), s.readTimeout(),
                    s.maxRetries(), 1_000_000, null);
            OllamaClient client = new OllamaClient(sim.url(), Duration.ofSeconds(5), Duration.ofSeconds(30),
                    new FaultInjector());
            ResilientLlm llm = new ResilientLlm(client, s, breakers, bus, TimeSource.system());
            OkHttpClient raw = new OkHttpClient();
            String prompt = "What is on your mind right now?";
            byte[] body = ("{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                    + "\"}],\"stream\":true}").getBytes();
            Request request = new Request.Builder().url(sim.url() + "/api/chat")
                    .post(RequestBody.create(body, MediaType.get("application/json"))).build();

            for (int i = 0; i < WARMUP; i++) {
                llm.chat("", prompt);
                rawCall(raw, request);
            }
            long[] mine = new long[ROUNDS * PER_ROUND];
            long[] theirs = new long[ROUNDS * PER_ROUND];
            int k = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < PER_ROUND; i++) {
                    long t0 = System.nanoTime();
                    llm.chat("", prompt);
                    mine[k + i] = System.nanoTime() - t0;
                }
                for (int i = 0; i < PER_ROUND; i++) {
                    long t0 = System.nanoTime();
                    rawCall(raw, request);
                    theirs[k + i] = System.nanoTime() - t0;
                }
                k += PER_ROUND;
            }
            client.close();
            bus.close();
            raw.dispatcher().executorService().shutdown();
            raw.connectionPool().evictAll();

            ObjectNode r = Bench.JSON.createObjectNode();
            double c50 = Bench.quantile(mine, 0.5, 1e3);
            double r50 = Bench.quantile(theirs, 0.5, 1e3);
            r.put("calls", mine.length);
            r.put("client_p50_us", c50);
            r.put("client_p99_us", Bench.quantile(mine, 0.99, 1e3));
            r.put("raw_p50_us", r50);
            r.put("raw_p99_us", Bench.quantile(theirs, 0.99, 1e3));
            r.put("ratio", Bench.round(c50 / r50));
            return r;
        }
    }

    private static void rawCall(OkHttpClient raw, Request request) throws Exception {
        try (Response resp = raw.newCall(request).execute()) {
            if (!resp.isSuccessful() || resp.body().string().isEmpty()) {
                throw new IllegalStateException("raw call failed: " + resp.code());
            }
        }
    }
}
