package dev.tickguard.app;

import dev.tickguard.config.OllamaSettings;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.bus.EventBus;
import dev.tickguard.health.HealthCheck;
import dev.tickguard.health.HealthMonitor;
import dev.tickguard.ollama.FaultInjector;
import dev.tickguard.ollama.OllamaClient;
import dev.tickguard.ollama.OllamaHealthCheck;
import dev.tickguard.app.simulator.OllamaSimulator;
import dev.tickguard.ollama.ResilientLlm;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Llm;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.time.Duration;

/**
 * The LLM Tickguard talks to: a real Ollama at the configured URL, or the built-in simulator
 * ({@code --simulator}); always behind the fault injector and the resilient client, with an
 * endpoint health check and the per-tick Ollama summary line.
 */
final class LlmSetup implements AutoCloseable {
    private final OllamaSimulator simulator;
    private final FaultInjector faults;
    private final OllamaClient client;
    private final OllamaClient probe;
    private final ResilientLlm llm;
    private final OllamaHealthCheck check;

    private LlmSetup(OllamaSimulator simulator, FaultInjector faults, OllamaClient client, OllamaClient probe,
                     ResilientLlm llm, OllamaHealthCheck check) {
        this.simulator = simulator;
        this.faults = faults;
        this.client = client;
        this.probe = probe;
        this.llm = llm;
        this.check = check;
    }

    static LlmSetup create(TickguardConfig config, RunOptions cli, EventBus bus, BreakerRegistry breakers,
                           TimeSource time) throws IOException {
        OllamaSettings s = config.ollama();
        OllamaSimulator sim = null;
        if (cli.simulator()) {
            long seed = cli.seed() != null ? cli.seed() : 42;
            sim = OllamaSimulator.start(OllamaSimulator.Settings.demo(seed)
                    .withModels(java.util.List.of(s.model(), s.embedModel())));
            s = s.withUrl(sim.url());
        }
        FaultInjector faults = new FaultInjector();
        OllamaClient client = new OllamaClient(s.url(), s.connectTimeout(), s.readTimeout(), faults);
        OllamaClient probe = new OllamaClient(s.url(), Duration.ofSeconds(2),
                config.health().llmLatencyDegraded().plusSeconds(5), faults);
        ResilientLlm llm = new ResilientLlm(client, s, breakers, bus, time);
        OllamaHealthCheck check = new OllamaHealthCheck(probe, s.model(), config.health().llmLatencyDegraded());
        return new LlmSetup(sim, faults, client, probe, llm, check);
    }

    Llm llm() {
        return llm;
    }

    ResilientLlm resilient() {
        return llm;
    }

    HealthCheck healthCheck() {
        return check;
    }

    void attach(HealthMonitor monitor) {
        llm.attach(monitor);
    }

    /** The LLM's fault injector: chaos reaches it only through the control API. */
    FaultInjector faults() {
        return faults;
    }

    /** The URL the client talks to (the simulator's with --simulator). */
    String url() {
        return client.baseUrl();
    }

    /** True with --simulator. */
    boolean simulated() {
        return simulator != null;
    }

    String describe() {
        String where = simulator != null ? "Ollama simulator at " + simulator.url() : "Ollama at " + client.baseUrl();
        String chaos = faults.describe();
        return where + (chaos.equals("none") ? "" : " (chaos: " + chaos + ")");
    }

    @Override
    public void close() {
        client.close();
        probe.close();
        if (simulator != null) {
            simulator.close();
        }
    }
}
