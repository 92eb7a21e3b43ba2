package dev.tickguard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.app.simulator.OllamaSimulator;
import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.OllamaEndpointSettings;
import dev.tickguard.config.OllamaSettings;
import dev.tickguard.config.OllamaStrategy;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.ollama.OllamaPool;
import dev.tickguard.ollama.ResilientLlm;
import dev.tickguard.plugin.StepDiscovery;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Ollama pool (issue 21):
 * <ol>
 *   <li>failover: the time a call adds when the preferred endpoint refuses connections, and when it
 *       answers 503, over the same call to the healthy endpoint alone (zero-latency simulators; the
 *       preferred endpoint's breaker never opens, so every call pays the failover);</li>
 *   <li>three endpoints with the built-in steps on the real engine, the busiest endpoint killed in
 *       the middle of a tick: LLM calls lost, ticks on fallback, failovers;</li>
 *   <li>routing: the cost per call of a pool of three over a pool of one (end to end, and the
 *       routing decision alone).</li>
 * </ol>
 * Variants alternate in rounds so they see the same machine state.
 */
final class LlmPool {
    static final int WARMUP = 2_000;
    static final int ROUNDS = 10;
    static final int PER_ROUND = 500;
    static final int TICKS = 30;
    static final int KILL_AT_TICK = 10;

    static ObjectNode run() throws Exception {
        ObjectNode r = Bench.JSON.createObjectNode();
        try (OllamaSimulator good = OllamaSimulator.start(OllamaSimulator.Settings.instant(3));
             OllamaSimulator busy = OllamaSimulator.start(OllamaSimulator.Settings.instant(4))) {
            busy.busyRate(1.0);
            String refusing = refusingUrl();
            r.set("failover_connection_refused", failover(refusing, good.url()));
            r.set("failover_http_503", failover(busy.url(), good.url()));
            r.set("routing_overhead", routing(good.url()));
        }
        r.set("endpoint_killed_mid_run", killedMidRun());
        return r;
    }

    /** A local port nothing listens on: connecting is refused at once. */
    private static String refusingUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    private record Rig(EventBus bus, OllamaPool pool, ResilientLlm llm) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
            bus.close();
        }
    }

    /**
     * A pool of these URLs, in this order, whose first endpoint's chat breaker is forced closed: it never
     * opens, so every call pays the failover it measures (and nothing is counted against it).
     */
    private static Rig rig(OllamaStrategy strategy, String... urls) {
        EventBus bus = new EventBus();
        bus.subscribe("sink", e -> { });
        BreakerRegistry breakers = new BreakerRegistry(new BreakerSettings(1000, Duration.ofSeconds(1), 1), bus,
                TimeSource.system());
        List<OllamaEndpointSettings> eps = new ArrayList<>();
        for (int i = 0; i < urls.length; i++) {
            eps.add(new OllamaEndpointSettings("e" + i, urls[i], 1, List.of()));
        }
        OllamaSettings d = OllamaSettings.defaults();
        OllamaSettings s = new OllamaSettings(urls[0], d.model(), d.embedModel(), Duration.ofSeconds(2),
                Duration.ofSeconds(30), d.maxRetries(), 1_000_000, null, urls.length == 1 ? List.of() : eps, strategy);
        OllamaPool pool = OllamaPool.create(s, breakers, Duration.ofSeconds(2));
        pool.endpoints().get(0).breaker("chat").forceClosed();
        return new Rig(bus, pool, new ResilientLlm(pool, s, bus, TimeSource.system()));
    }

    private static ObjectNode failover(String preferred, String healthy) throws Exception {
        try (Rig alone = rig(OllamaStrategy.ORDERED, healthy);
             Rig pool = rig(OllamaStrategy.ORDERED, preferred, healthy)) {
            long[][] t = alternate(alone.llm(), pool.llm());
            ObjectNode o = Bench.JSON.createObjectNode();
            o.put("calls", t[0].length);
            o.put("healthy_alone_p50_us", Bench.quantile(t[0], 0.5, 1e3));
            o.put("healthy_alone_p99_us", Bench.quantile(t[0], 0.99, 1e3));
            o.put("with_failover_p50_us", Bench.quantile(t[1], 0.5, 1e3));
            o.put("with_failover_p99_us", Bench.quantile(t[1], 0.99, 1e3));
            o.put("added_p50_ms", Bench.round((Bench.quantile(t[1], 0.5, 1e3) - Bench.quantile(t[0], 0.5, 1e3)) / 1e3));
            o.put("added_p99_ms", Bench.round((Bench.quantile(t[1], 0.99, 1e3) - Bench.quantile(t[0], 0.99, 1e3)) / 1e3));
            o.put("preferred_attempts", pool.pool().statuses().get(0).calls());
            o.put("preferred_failures", pool.pool().statuses().get(0).failures());
            return o;
        }
    }

    private static ObjectNode routing(String url) throws Exception {
        try (OllamaSimulator b = OllamaSimulator.start(OllamaSimulator.Settings.instant(5));
             OllamaSimulator c = OllamaSimulator.start(OllamaSimulator.Settings.instant(6));
             Rig one = rig(OllamaStrategy.LEAST_BUSY, url);
             Rig three = rig(OllamaStrategy.LEAST_BUSY, url, b.url(), c.url())) {
            long[][] t = alternate(one.llm(), three.llm());
            ObjectNode o = Bench.JSON.createObjectNode();
            o.put("calls", t[0].length);
            o.put("pool_of_one_p50_us", Bench.quantile(t[0], 0.5, 1e3));
            o.put("pool_of_three_p50_us", Bench.quantile(t[1], 0.5, 1e3));
            o.put("added_p50_us", Bench.round(Bench.quantile(t[1], 0.5, 1e3) - Bench.quantile(t[0], 0.5, 1e3)));
            // The routing decision alone, as each call makes it (three endpoints, one with the model loaded).
            OllamaPool p = three.pool();
            long n = 2_000_000;
            long sink = 0;
            for (int i = 0; i < n / 4; i++) {
                sink += p.candidates("chat", "llama3.2").size();
            }
            long t0 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                sink += p.candidates("chat", "llama3.2").size();
            }
            double ns = (System.nanoTime() - t0) / (double) n;
            o.put("route_decision_ns", Bench.round(ns));
            o.put("sink", sink % 7);
            return o;
        }
    }

    /** Times alternating rounds of calls: [0] through {@code a}, [1] through {@code b}. */
    private static long[][] alternate(ResilientLlm a, ResilientLlm b) throws Exception {
        String prompt = "What is on your mind right now?";
        for (int i = 0; i < WARMUP; i++) {
            a.chat("", prompt);
            b.chat("", prompt);
        }
        long[] ta = new long[ROUNDS * PER_ROUND];
        long[] tb = new long[ROUNDS * PER_ROUND];
        int k = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < PER_ROUND; i++) {
                long t0 = System.nanoTime();
                a.chat("", prompt);
                ta[k + i] = System.nanoTime() - t0;
            }
            for (int i = 0; i < PER_ROUND; i++) {
                long t0 = System.nanoTime();
                b.chat("", prompt);
                tb[k + i] = System.nanoTime() - t0;
            }
            k += PER_ROUND;
        }
        return new long[][] {ta, tb};
    }

    /**
     * The built-in steps on the real engine against three simulated servers (20 ms to the first token,
     * 2 ms per token), back to back; during tick {@link #KILL_AT_TICK} the endpoint that served most
     * calls so far is killed (its server stops: streams in flight are cut, new connections refused).
     */
    private static ObjectNode killedMidRun() throws Exception {
        List<OllamaSimulator> sims = new ArrayList<>();
        List<OllamaEndpointSettings> eps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OllamaSimulator sim = OllamaSimulator.start(new OllamaSimulator.Settings(10 + i, Duration.ZERO,
                    Duration.ofMillis(20), Duration.ofMillis(2), 768, List.of("llama3.2", "nomic-embed-text")));
            sims.add(sim);
            eps.add(new OllamaEndpointSettings("sim" + (i + 1), sim.url(), 1, List.of()));
        }
        EventBus bus = new EventBus();
        AtomicLong calls = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failovers = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        bus.subscribe("count", e -> {
            if (e instanceof TickEvent.LlmCall c) {
                calls.incrementAndGet();
                if (c.refused()) {
                    refused.incrementAndGet();
                } else if (!c.success()) {
                    lost.incrementAndGet();
                }
                failovers.addAndGet(c.failedOver().size());
                if (c.success() && !c.failedOver().isEmpty()) {
                    retried.incrementAndGet();
                }
            }
        });
        TickguardConfig config = TickguardConfig.defaults().withDataDir(Files.createTempDirectory("tickguard-pool"));
        OllamaSettings s = config.ollama().withEndpoints(eps);
        BreakerRegistry breakers = new BreakerRegistry(config.breaker(), bus, TimeSource.system());
        OllamaPool pool = OllamaPool.create(s, breakers, Duration.ofSeconds(5));
        ResilientLlm llm = new ResilientLlm(pool, s, bus, TimeSource.system());
        int ticksOnFallback = 0;
        int ticksOnFallbackAfterKill = 0;
        long fallbacks = 0;
        String killed = null;
        long[] served = new long[3];
        try (TickEngine engine = TickEngine.builder(config).bus(bus).breakers(breakers).llm(llm)
                .steps(new StepDiscovery(bus, TimeSource.system()).builtIn()).withoutDefaultChecks().build()) {
            for (int tick = 1; tick <= TICKS; tick++) {
                Thread killer = null;
                if (tick == KILL_AT_TICK) {
                    int busiest = 0;
                    for (int i = 0; i < 3; i++) {
                        served[i] = pool.statuses().get(i).calls();
                        busiest = served[i] > served[busiest] ? i : busiest;
                    }
                    killed = eps.get(busiest).name();
                    OllamaSimulator victim = sims.get(busiest);
                    killer = new Thread(() -> {
                        try {
                            Thread.sleep(300); // inside the tick: the first step's call is streaming
                        } catch (InterruptedException e) {
                            return;
                        }
                        victim.close();
                    });
                    killer.start();
                }
                TickRecord rec = engine.runTick();
                if (killer != null) {
                    killer.join();
                }
                fallbacks += rec.counts().fallbacks();
                if (rec.counts().fallbacks() > 0) {
                    ticksOnFallback++;
                    if (tick >= KILL_AT_TICK) {
                        ticksOnFallbackAfterKill++;
                    }
                }
            }
        } finally {
            bus.drain(Duration.ofSeconds(10));
            pool.close();
            bus.close();
            sims.forEach(OllamaSimulator::close);
        }
        ObjectNode o = Bench.JSON.createObjectNode();
        o.put("ticks", TICKS);
        o.put("killed", killed);
        o.put("killed_at_tick", KILL_AT_TICK);
        o.put("llm_calls", calls.get());
        o.put("calls_lost", lost.get());
        o.put("calls_refused", refused.get());
        o.put("failovers", failovers.get());
        o.put("calls_saved_by_failover", retried.get());
        o.put("ticks_on_fallback", ticksOnFallback);
        o.put("ticks_on_fallback_from_kill", ticksOnFallbackAfterKill);
        o.put("step_fallbacks", fallbacks);
        return o;
    }
}
