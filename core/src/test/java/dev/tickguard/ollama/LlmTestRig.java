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

    /**
     * One chat call to an Ollama that would answer only after 30 s, cut off by its caller (what a
     * step's deadline does) once the request has arrived; returns what the call threw.
     */
    Throwable chatCutOffByItsCaller() throws Exception {
        server.enqueue(new okhttp3.mockwebserver.MockResponse()
                .setHeadersDelay(30, java.util.concurrent.TimeUnit.SECONDS).setBody(ResilientLlmTest.DONE));
        java.util.concurrent.atomic.AtomicReference<Thread> caller = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CompletableFuture<Throwable> call = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                llm.chat("", "think");
                return null;
            } catch (dev.tickguard.spi.LlmException e) {
                return e;
            }
        });
        if (server.takeRequest(10, java.util.concurrent.TimeUnit.SECONDS) == null) {
            throw new AssertionError("the call never reached the server");
        }
        caller.get().interrupt();
        return call.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.shutdown();
        bus.close();
    }
}
