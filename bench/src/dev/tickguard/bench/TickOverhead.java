package dev.tickguard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.engine.TickEngineBuilder;
import dev.tickguard.events.EventBus;
import dev.tickguard.events.TickHistory;
import dev.tickguard.events.TickJournal;
import dev.tickguard.events.TickLog;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Ticks of 5 sequential steps x 20 ms and 7 parallel steps x 30 ms (ideal 130 ms) through the real
 * engine (with its log, journal and history listeners), against a bare control doing the same
 * sleeps in plain Java; then both again with 0 ms steps.
 */
final class TickOverhead {
    static final int SLEEP_WARMUP = 100;
    static final int SLEEP_TICKS = 400;
    static final int ZERO_WARMUP = 5_000;
    static final int ZERO_TICKS = 20_000;

    static ObjectNode run() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(7);
        // First the sleep ticks on a fresh JVM (engine code still interpreted or C1-compiled: a desktop
        // ticking once a minute never gets further), then the 0 ms ticks (which JIT-compile it fully),
        // then the sleep ticks again: the steady state.
        long[] engineCold = engineTicks(20, 30, SLEEP_WARMUP, SLEEP_TICKS);
        long[] bareCold = bareTicks(pool, 20, 30, SLEEP_WARMUP, SLEEP_TICKS);
        long[] engineZero = engineTicks(0, 0, ZERO_WARMUP, ZERO_TICKS);
        long[] bareZero = bareTicks(pool, 0, 0, ZERO_WARMUP, ZERO_TICKS);
        long[] engine = engineTicks(20, 30, SLEEP_WARMUP, SLEEP_TICKS);
        long[] bare = bareTicks(pool, 20, 30, SLEEP_WARMUP, SLEEP_TICKS);
        pool.shutdown();

        ObjectNode r = Bench.JSON.createObjectNode();
        double p50 = Bench.quantile(engine, 0.5, 1e6);
        double p99 = Bench.quantile(engine, 0.99, 1e6);
        double bp50 = Bench.quantile(bare, 0.5, 1e6);
        double bp99 = Bench.quantile(bare, 0.99, 1e6);
        r.put("ticks", SLEEP_TICKS);
        r.put("p50_ms", p50);
        r.put("p99_ms", p99);
        r.put("bare_p50_ms", bp50);
        r.put("bare_p99_ms", bp99);
        r.put("overhead_p50_ms", Bench.round(p50 - bp50));
        r.put("overhead_p99_ms", Bench.round(p99 - bp99));
        r.put("cold_p50_ms", Bench.quantile(engineCold, 0.5, 1e6));
        r.put("cold_bare_p50_ms", Bench.quantile(bareCold, 0.5, 1e6));
        r.put("cold_overhead_p50_ms", Bench.round(Bench.quantile(engineCold, 0.5, 1e6) - Bench.quantile(bareCold, 0.5, 1e6)));
        r.put("cold_overhead_p99_ms", Bench.round(Bench.quantile(engineCold, 0.99, 1e6) - Bench.quantile(bareCold, 0.99, 1e6)));
        double zp50us = Bench.quantile(engineZero, 0.5, 1e3);
        double bzp50us = Bench.quantile(bareZero, 0.5, 1e3);
        r.put("zero_ticks", ZERO_TICKS);
        r.put("zero_tick_p50_us", zp50us);
        r.put("zero_tick_p99_us", Bench.quantile(engineZero, 0.99, 1e3));
        r.put("bare_zero_tick_p50_us", bzp50us);
        r.put("zero_step_p50_us", Bench.round(zp50us / 12));
        r.put("zero_step_overhead_p50_us", Bench.round((zp50us - bzp50us) / 12));
        r.put("ideal_ms", 130);
        return r;
    }

    static long[] engineTicks(long seqMs, long parMs, int warmup, int n) throws Exception {
        Path data = Files.createTempDirectory("tickguard-bench");
        EventBus bus = new EventBus();
        TickJournal journal = new TickJournal(data.resolve("logs/ticks.jsonl"));
        if (System.getenv("BENCH_NO_LISTENERS") == null) {
            bus.subscribe("log", new TickLog());
            bus.subscribe("history", new TickHistory(500));
            bus.subscribe("journal", journal);
        }
        TickEngineBuilder b = TickEngine.builder(TickguardConfig.defaults().withDataDir(data)).bus(bus)
                .withoutDefaultChecks();
        for (int i = 0; i < 5; i++) {
            b.step(new SleepStep("seq" + i, Priority.CRITICAL, Phase.SEQUENTIAL, i, seqMs), "bench");
        }
        for (int i = 0; i < 7; i++) {
            b.step(new SleepStep("par" + i, Priority.IMPORTANT, Phase.PARALLEL, i, parMs), "bench");
        }
        long[] out = new long[n];
        try (TickEngine engine = b.build()) {
            for (int i = 0; i < warmup + n; i++) {
                long t0 = System.nanoTime();
                TickRecord r = engine.runTick();
                long d = System.nanoTime() - t0;
                if (r.counts().critical() != 5) {
                    throw new IllegalStateException("bench tick did not succeed: " + r);
                }
                if (i >= warmup) {
                    out[i - warmup] = d;
                }
            }
        }
        bus.close();
        journal.close();
        return out;
    }

    static long[] bareTicks(ExecutorService pool, long seqMs, long parMs, int warmup, int n) throws Exception {
        List<Callable<Integer>> parallel = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int k = i;
            parallel.add(() -> {
                if (parMs > 0) {
                    Thread.sleep(parMs);
                }
                return k;
            });
        }
        long[] out = new long[n];
        for (int i = 0; i < warmup + n; i++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < 5; s++) {
                if (seqMs > 0) {
                    Thread.sleep(seqMs);
                }
            }
            for (var f : pool.invokeAll(parallel)) {
                f.get();
            }
            long d = System.nanoTime() - t0;
            if (i >= warmup) {
                out[i - warmup] = d;
            }
        }
        return out;
    }
}
