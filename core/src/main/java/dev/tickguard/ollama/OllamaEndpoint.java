package dev.tickguard.ollama;

import dev.tickguard.events.OllamaEndpointStatus;
import dev.tickguard.config.OllamaEndpointSettings;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.resilience.BreakerSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Ollama server of the pool: its client (behind its own fault injector), its breakers, how many
 * calls run on it, which models it has loaded (from {@code /api/ps}, refreshed by the pool in the
 * background) and its recent latencies. Thread-safe.
 */
public final class OllamaEndpoint implements AutoCloseable {
    private final OllamaEndpointSettings settings;
    private final int index;
    private final OllamaClient client;
    private final OllamaClient probe;
    private final FaultInjector faults;
    private final Breaker chat;
    private final Breaker embed;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final EndpointLatency latency = new EndpointLatency(512);
    /** Canonical names of the loaded models; null until /api/ps first answered. */
    private volatile Set<String> loaded;
    private volatile String health = "";
    /** False while its last health check failed: routing then tries it only after the healthy ones. */
    private volatile boolean healthy = true;

    /**
     * @param index its place in the configured list (the {@code ordered} strategy's order, the last tie-breaker)
     * @param probe a client with short timeouts for {@code /api/ps} and the health check (may be {@code client})
     */
    public OllamaEndpoint(OllamaEndpointSettings settings, int index, OllamaClient client, OllamaClient probe,
                          FaultInjector faults, Breaker chat, Breaker embed) {
        this.settings = settings;
        this.index = index;
        this.client = client;
        this.probe = probe;
        this.faults = faults;
        this.chat = chat;
        this.embed = embed;
    }

    public String name() {
        return settings.name();
    }

    public OllamaEndpointSettings settings() {
        return settings;
    }

    int index() {
        return index;
    }

    public OllamaClient client() {
        return client;
    }

    OllamaClient probe() {
        return probe;
    }

    /** Its own fault injector: chaos aimed at this endpoint only ({@code ollama-down:<name>}). */
    public FaultInjector faults() {
        return faults;
    }

    /** Its breaker for {@code "chat"} or {@code "embed"}. */
    public Breaker breaker(String operation) {
        return "embed".equals(operation) ? embed : chat;
    }

    int inFlight() {
        return inFlight.get();
    }

    void started() {
        inFlight.incrementAndGet();
    }

    /** One attempt on this endpoint ended (after its own retries). */
    void finished(long ms, boolean success) {
        inFlight.decrementAndGet();
        calls.incrementAndGet();
        if (!success) {
            failures.incrementAndGet();
        }
        latency.add(ms);
    }

    /** An attempt its caller gave up on: not counted as a call. */
    void abandoned() {
        inFlight.decrementAndGet();
    }

    /** True if {@code /api/ps} last said {@code model} is loaded here. */
    boolean hasLoaded(String model) {
        Set<String> l = loaded;
        return l != null && l.contains(OllamaEndpointSettings.canonical(model));
    }

    /** Asks the server which models are loaded; an unreachable server has none. */
    void refreshLoaded() {
        try {
            OllamaApi.Running ps = probe.ps();
            Set<String> names = new java.util.HashSet<>();
            if (ps.models() != null) {
                for (OllamaApi.RunningModel m : ps.models()) {
                    names.add(OllamaEndpointSettings.canonical(m.name() != null ? m.name() : m.model()));
                }
            }
            loaded = Set.copyOf(names);
        } catch (OllamaException | RuntimeException e) {
            loaded = Set.of();
        }
    }

    /** Marks {@code model} loaded after it answered here (Ollama keeps it for keep_alive), until the next refresh. */
    void answered(String model) {
        Set<String> l = loaded;
        String m = OllamaEndpointSettings.canonical(model);
        if (l == null || !l.contains(m)) {
            Set<String> next = new java.util.HashSet<>(l == null ? Set.of() : l);
            next.add(m);
            loaded = Set.copyOf(next);
        }
    }

    void health(boolean ok, String words) {
        healthy = ok;
        health = words;
    }

    boolean healthy() {
        return healthy;
    }

    /** A reading for the tile, the metrics and the control API. */
    public OllamaEndpointStatus status() {
        BreakerSnapshot b = chat.snapshot();
        Set<String> l = loaded;
        List<String> models = new ArrayList<>(l == null ? Set.of() : l);
        models.sort(null);
        return new OllamaEndpointStatus(name(), settings.url(), chat.name(), b.state(), inFlight.get(), models,
                latency.percentile(0.50), latency.percentile(0.95), Math.max(0, b.remainingDelayMs()), calls.get(),
                failures.get(), healthy, health, faults.describe());
    }

    @Override
    public void close() {
        client.close();
        if (probe != client) {
            probe.close();
        }
    }
}
