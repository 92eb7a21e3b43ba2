package dev.tickguard.ollama;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.OllamaEndpointSettings;
import dev.tickguard.config.OllamaSettings;
import dev.tickguard.config.OllamaStrategy;
import dev.tickguard.events.TickEvent;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockWebServer;

/**
 * A pool of MockWebServer endpoints named a, b, c... behind a ResilientLlm (2 retries on the last
 * endpoint left), with every event kept.
 */
final class PoolRig implements AutoCloseable {
    final List<MockWebServer> servers = new ArrayList<>();
    final EventBus bus = new EventBus();
    final List<TickEvent> events = new CopyOnWriteArrayList<>();
    final BreakerRegistry breakers;
    final OllamaPool pool;
    final ResilientLlm llm;

    /**
     * @param weights one per endpoint (its weight)
     * @param breaker the breakers' settings
     * @param readTimeout the longest silence before a call fails over
     */
    PoolRig(OllamaStrategy strategy, BreakerSettings breaker, Duration readTimeout, int... weights) throws IOException {
        breakers = new BreakerRegistry(breaker, bus, TimeSource.system());
        bus.subscribe("test", events::add);
        List<OllamaEndpointSettings> endpoints = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            MockWebServer s = new MockWebServer();
            s.start();
            servers.add(s);
            endpoints.add(new OllamaEndpointSettings(String.valueOf((char) ('a' + i)), s.url("/").toString(), weights[i],
                    List.of()));
        }
        OllamaSettings s = new OllamaSettings("http://unused:1", "llama3.2", "nomic-embed-text", Duration.ofSeconds(2),
                readTimeout, 2, 1000, "5m", endpoints, strategy);
        pool = OllamaPool.create(s, breakers, Duration.ofSeconds(2));
        llm = new ResilientLlm(pool, s, bus, TimeSource.system());
    }

    MockWebServer server(char name) {
        return servers.get(name - 'a');
    }

    /** The LlmCall events published so far. */
    List<TickEvent.LlmCall> calls() {
        bus.drain(Duration.ofSeconds(10));
        return events.stream().filter(e -> e instanceof TickEvent.LlmCall).map(e -> (TickEvent.LlmCall) e).toList();
    }

    @Override
    public void close() throws IOException {
        pool.close();
        bus.close();
        for (MockWebServer s : servers) {
            s.close();
        }
    }
}
