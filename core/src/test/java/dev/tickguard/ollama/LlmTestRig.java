package dev.tickguard.ollama;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.OllamaSettings;
import dev.tickguard.events.TickEvent;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockWebServer;

/** A ResilientLlm (breaker threshold 3, 2 retries) on a MockWebServer, with every event kept. */
final class LlmTestRig implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final EventBus bus = new EventBus();
    final List<TickEvent> events = new CopyOnWriteArrayList<>();
    final BreakerRegistry breakers = new BreakerRegistry(new BreakerSettings(3, Duration.ofMinutes(1), 1), bus,
            TimeSource.system());
    final OllamaClient client;
    final ResilientLlm llm;

    LlmTestRig() throws Exception {
        server.start();
        bus.subscribe("test", events::add);
        client = new OllamaClient(server.url("/").toString(), Duration.ofSeconds(2), Duration.ofSeconds(30), null);
        OllamaSettings s = OllamaSettings.defaults().withUrl(server.url("/").toString());
        llm = new ResilientLlm(client, new OllamaSettings(s.url(), "llama3.2", "nomic-embed-text", s.connectTimeout(),
                s.readTimeout(), 2, 1000, "5m"), breakers, bus, TimeSource.system());
    }

    List<TickEvent.BreakerChanged> breakerEvents() {
        bus.drain(Duration.ofSeconds(10));
        return events.stream().filter(e -> e instanceof TickEvent.BreakerChanged)
                .map(e -> (TickEvent.BreakerChanged) e).toList();
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.shutdown();
        bus.close();
    }
}
