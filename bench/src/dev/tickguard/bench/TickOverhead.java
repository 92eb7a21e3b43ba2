package dev.tickguard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.engine.TickEngineBuilder;
import dev.tickguard.bus.EventBus;
import dev.tickguard.bus.TickHistory;
import dev.tickguard.bus.TickLog;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Ticks of 5 sequential steps x 20 ms and 7 parallel steps x 30 ms (ideal 130 ms) through the real
 * engine (with its log and history listeners, and its database with the journal mirror), against a bare control doing the same
 * sleeps in plain Java; then both with 0 ms steps.
 *
 * <p>Engine and bare ticks alternate (engine, bare, engine, ...) within one run, so a change in the
 * machine's load hits both alike. Three parts, in this order:
 * <ol>
 *   <li>cold: the first {@value #COLD_TICKS} ticks of each in a fresh JVM (engine code interpreted
 *       or C1-compiled: what a desktop ticking once a minute lives in);</li>
 *   <li>zero: {@value #ZERO_TICKS} ticks of 0 ms steps after {@value #ZERO_WARMUP} warm-up ones:
 *       the cost per step;</li>
 *   <li>steady: {@value #ROUNDS} rounds of {@value #ROUND_TICKS} sleep ticks each; the overhead is
 *       the median over rounds of each round's median difference, with the spread of the rounds.</li>
 * </ol>
 */
final class TickOverhead {
    static final int COLD_TICKS = 200;
    static final int ZERO_WARMUP = 5_000;
    static final int ZERO_TICKS = 20_000;
    static final int ROUNDS = 5;
    static final int ROUND_TICKS = 100;

    static ObjectNode run() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(7);
        Path data = Files.createTempDirectory("tickguard-bench");
        ObjectNode r = Bench.JSON.createObjectNode();
        try (Rig sleepy = new Rig(data.resolve("sleep"), 20, 30); Rig zero = new Rig(data.resolve("zero"), 0, 0)) {
            Bare bareSleepy = new Bare(pool, 20, 30);
            Bare bareZero = new Bare(pool, 0, 0);

            long[][] cold = interleave(sleepy, bareSleepy, 0, COLD_TICKS);
            r.put("cold_ticks", COLD_TICKS);
            r.put("cold_p50_ms", q(cold[0], 0.5, 1e6));
            r.put("cold_bare_p50_ms", q(cold[1], 0.5, 1e6));
            r.put("cold_overhead_p50_ms", Bench.round(q(cold[0], 0.5, 1e6) - q(cold[1], 0.5, 1e6)));

            long[][] z = interleave(zero, bareZero, ZERO_WARMUP, ZERO_TICKS);
            double zp50us = q(z[0], 0.5, 1e3);
            double bzp50us = q(z[1], 0.5, 1e3);
            r.put("zero_ticks", ZERO_TICKS);
            r.put("zero_tick_p50_us", zp50us);
            r.put("zero_tick_p99_us", q(z[0], 0.99, 1e3));
            r.put("bare_zero_tick_p50_us", bzp50us);
            r.put("zero_step_overhead_p50_us", Bench.round((zp50us - bzp50us) / 12));

            double[] overheads = new double[ROUNDS];
            ArrayNode rounds = r.putArray("rounds");
            for (int k = 0; k < ROUNDS; k++) {
                long[][] t = interleave(sleepy, bareSleepy, 0, ROUND_TICKS);
                overheads[k] = Bench.round(q(t[0], 0.5, 1e6) - q(t[1], 0.5, 1e6));
                ObjectNode o = rounds.addObject();
                o.put("p50_ms", q(t[0], 0.5, 1e6));
                o.put("bare_p50_ms", q(t[1], 0.5, 1e6));
                o.put("overhead_p50_ms", overheads[k]);
                o.put("p99_ms", q(t[0], 0.99, 1e6));
                o.put("bare_p99_ms", q(t[1], 0.99, 1e6));
            }
            double[] sorted = overheads.clone();
            Arrays.sort(sorted);
            r.put("overhead_p50_ms", sorted[ROUNDS / 2]);
            r.put("overhead_p50_min_ms", sorted[0]);
            r.put("overhead_p50_max_ms", sorted[ROUNDS - 1]);
            r.put("ideal_ms", 130);
        } finally {
            pool.shutdown();
        }
        r.put("load_after", Files.readString(Path.of("/proc/loadavg")).trim());
        return r;
    }

    private static double q(long[] nanos, double quantile, double unit) {
        return Bench.quantile(nanos, quantile, unit);
    }

    /** Alternates engine and bare ticks; returns {engine, bare} durations of the measured ones. */
    private static long[][] interleave(Rig engine, Bare bare, int warmup, int n) throws Exception {
        long[] e = new long[n];
        long[] b = new long[n];
        for (int i = 0; i < warmup + n; i++) {
            long de = engine.tick();
            long db = bare.tick();
            if (i >= warmup) {
                e[i - warmup] = de;
                b[i - warmup] = db;
            }
        }
        return new long[][]{e, b};
    }

    /** The real engine with its log and history listeners and its database (which writes the journal mirror). */
    static final class Rig implements AutoCloseable {
        private final EventBus bus = new EventBus();
        private final TickEngine engine;

        Rig(Path data, long seqMs, long parMs) throws Exception {
            if (System.getenv("BENCH_NO_LISTENERS") == null) {
                bus.subscribe("log", new TickLog());
                bus.subscribe("history", new TickHistory(500));
            }
            TickEngineBuilder b = TickEngine.builder(TickguardConfig.defaults().withDataDir(data)).bus(bus)
                    .withoutDefaultChecks();
            for (int i = 0; i < 5; i++) {
                b.step(new SleepStep("seq" + i, Priority.CRITICAL, Phase.SEQUENTIAL, i, seqMs), "bench");
            }
            for (int i = 0; i < 7; i++) {
                b.step(new SleepStep("par" + i, Priority.IMPORTANT, Phase.PARALLEL, i, parMs), "bench");
            }
            engine = b.build();
        }

        long tick() {
            long t0 = System.nanoTime();
            TickRecord r = engine.runTick();
            long d = System.nanoTime() - t0;
            if (r.counts().critical() != 5 || r.counts().fallbacks() != 0) {
                throw new IllegalStateException("bench tick did not succeed: " + r);
            }
            return d;
        }

        @Override
        public void close() {
            engine.close();
            bus.close();
        }
    }

    /** The same sleeps in plain Java: 5 in a row, then 7 at once on a fixed pool. */
    static final class Bare {
        private final ExecutorService pool;
        private final long seqMs;
        private final List<Callable<Integer>> parallel = new ArrayList<>();

        Bare(ExecutorService pool, long seqMs, long parMs) {
            this.pool = pool;
            this.seqMs = seqMs;
            for (int i = 0; i < 7; i++) {
                int k = i;
                parallel.add(() -> {
                    if (parMs > 0) {
                        Thread.sleep(parMs);
                    }
                    return k;
                });
            }
        }

        long tick() throws Exception {
            long t0 = System.nanoTime();
            for (int s = 0; s < 5; s++) {
                if (seqMs > 0) {
                    Thread.sleep(seqMs);
                }
            }
            for (var f : pool.invokeAll(parallel)) {
                f.get();
            }
            return System.nanoTime() - t0;
        }
    }
}
