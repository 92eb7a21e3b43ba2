package dev.tickguard.app;

import dev.tickguard.config.OllamaEndpointSettings;
import dev.tickguard.config.OllamaSettings;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.bus.EventBus;
import dev.tickguard.health.HealthCheck;
import dev.tickguard.health.HealthMonitor;
import dev.tickguard.ollama.OllamaPool;
import dev.tickguard.ollama.OllamaPoolHealthCheck;
import dev.tickguard.app.simulator.OllamaSimulator;
import dev.tickguard.ollama.PoolFaults;
import dev.tickguard.ollama.ResilientLlm;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Llm;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The LLM Tickguard talks to: the configured Ollama server or pool of servers, or the built-in
 * simulator ({@code --simulator}; several servers with {@link #create(TickguardConfig, CommandLine,
 * EventBus, BreakerRegistry, TimeSource, int)}); always behind each endpoint's fault injector and the
 * resilient client, with the pool's health check and the per-tick Ollama summary line.
 */
final class LlmSetup implements AutoCloseable {
    /** How often the pool asks each endpoint which models are loaded ({@code /api/ps}). */
    static final Duration LOADED_MODELS_REFRESH = Duration.ofSeconds(5);

    private final List<OllamaSimulator> simulators;
    private final OllamaSettings settings;
    private final OllamaPool pool;
    private final ResilientLlm llm;
    private final HealthCheck check;

    private LlmSetup(List<OllamaSimulator> simulators, OllamaSettings settings, OllamaPool pool, ResilientLlm llm,
                     HealthCheck check) {
        this.simulators = simulators;
        this.settings = settings;
        this.pool = pool;
        this.llm = llm;
        this.check = check;
    }

    static LlmSetup create(TickguardConfig config, RunOptions cli, EventBus bus, BreakerRegistry breakers,
                           TimeSource time) throws IOException {
        return create(config, cli, bus, breakers, time, 1);
    }

    /** @param simulated how many simulated servers to start with {@code --simulator} (a pool when more than one) */
    static LlmSetup create(TickguardConfig config, RunOptions cli, EventBus bus, BreakerRegistry breakers,
                           TimeSource time, int simulated) throws IOException {
        OllamaSettings s = config.ollama();
        List<OllamaSimulator> sims = new ArrayList<>();
        if (cli.simulator()) {
            long seed = cli.seed() != null ? cli.seed() : 42;
            try {
                List<OllamaEndpointSettings> endpoints = new ArrayList<>();
                for (int i = 0; i < Math.max(1, simulated); i++) {
                    OllamaSimulator sim = OllamaSimulator.start(simulatorSettings(seed + i, i)
                            .withModels(List.of(s.model(), s.embedModel())));
                    sims.add(sim);
                    endpoints.add(new OllamaEndpointSettings("sim" + (i + 1), sim.url(), 1, List.of()));
                }
                if (sims.size() > 2) {
                    sims.get(2).busyRate(0.1); // the third is a busy one: failover is seen without any chaos
                }
                s = sims.size() == 1 ? s.withUrl(sims.get(0).url()) : s.withEndpoints(endpoints);
            } catch (IOException | RuntimeException e) {
                sims.forEach(OllamaSimulator::close);
                throw e;
            }
        }
        OllamaPool pool = OllamaPool.create(s, breakers, config.health().llmLatencyDegraded().plusSeconds(5));
        ResilientLlm llm = new ResilientLlm(pool, s, bus, time);
        HealthCheck check = new OllamaPoolHealthCheck(pool, s.model(), config.health().llmLatencyDegraded());
        pool.startRefreshing(LOADED_MODELS_REFRESH);
        return new LlmSetup(sims, s, pool, llm, check);
    }

    /** Simulated server {@code i}: each one slower than the one before, so routing has something to choose. */
    private static OllamaSimulator.Settings simulatorSettings(long seed, int i) {
        OllamaSimulator.Settings d = OllamaSimulator.Settings.demo(seed);
        return new OllamaSimulator.Settings(seed, d.coldLoad(), d.firstToken().multipliedBy(i + 1),
                d.perToken().multipliedBy(i + 1), d.embedDimension(), d.models());
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

    /** The pool: its endpoints and their readings. */
    OllamaPool pool() {
        return pool;
    }

    /** The settings in use (with {@code --simulator}, the simulated servers). */
    OllamaSettings settings() {
        return settings;
    }

    void attach(HealthMonitor monitor) {
        llm.attach(monitor);
        if (pool.endpoints().size() > 1) {
            // No one endpoint's breaker counts for the mode: the pool is down when none can serve.
            String model = settings.model();
            monitor.addCondition(() -> pool.cannotServe(model));
        }
    }

    /** The endpoints' fault injectors: chaos reaches them only through the control API. */
    PoolFaults faults() {
        return PoolFaults.of(pool);
    }

    /** The URL the client talks to (the first endpoint's; the simulator's with --simulator). */
    String url() {
        return pool.endpoints().get(0).client().baseUrl();
    }

    /** True with --simulator. */
    boolean simulated() {
        return !simulators.isEmpty();
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        List<dev.tickguard.ollama.OllamaEndpoint> eps = pool.endpoints();
        String what = simulated() ? "Ollama simulator" : "Ollama";
        if (eps.size() == 1) {
            b.append(what).append(" at ").append(url());
            String chaos = eps.get(0).faults().describe();
            return b.append(chaos.equals("none") ? "" : " (chaos: " + chaos + ")").toString();
        }
        b.append(what).append(" pool (").append(pool.strategy()).append("): ");
        for (int i = 0; i < eps.size(); i++) {
            dev.tickguard.ollama.OllamaEndpoint e = eps.get(i);
            String chaos = e.faults().describe();
            b.append(i == 0 ? "" : ", ").append(e.name()).append(" at ").append(e.client().baseUrl())
                    .append(chaos.equals("none") ? "" : " (chaos: " + chaos + ")");
        }
        return b.toString();
    }

    @Override
    public void close() {
        pool.close();
        simulators.forEach(OllamaSimulator::close);
    }
}
