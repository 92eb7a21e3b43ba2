package dev.tickguard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.engine.TickEngineBuilder;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.bus.TickHistory;
import dev.tickguard.bus.TickLog;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * 10,000 back-to-back ticks of 12 steps with 30 % random faults (throw, slow past the timeout,
 * null or malformed result, hang ignoring interrupts for 5 x the timeout), short timeouts and
 * breaker delays; and windows in which the last step of each phase ({@code after_action},
 * {@code meta_cognition}, then both) hangs for good, ignoring interrupts, until chaos releases it.
 * Counts engine failures and watches threads and heap.
 */
final class Soak {
    static final int TICKS = 10_000;
    static final double FAULT_RATE = 0.3;
    static final Duration STEP_TIMEOUT = Duration.ofMillis(20);
    static final Duration ABANDON_GRACE = Duration.ofMillis(10);
    /** Tick windows [from, to) in which the last step of a phase hangs for good (chaos hang). */
    static final Object[][] HANG_WINDOWS = {
        {"after_action", 1_000, 1_500}, {"meta_cognition", 2_000, 2_500},
        {"after_action", 3_000, 3_500}, {"meta_cognition", 3_000, 3_500},
    };

    static ObjectNode run() throws Exception {
        Path data = Files.createTempDirectory("tickguard-soak");
        EventBus bus = new EventBus();
        bus.subscribe("log", new TickLog());
        bus.subscribe("history", new TickHistory(500));
        TickguardConfig config = TickguardConfig.defaults().withDataDir(data)
                .with(new BreakerSettings(3, Duration.ofMillis(200), 1))
                // Scaled like the 20 ms timeouts (100 ms by default): a step deaf for 5 x its timeout is abandoned.
                .withTick(t -> t.withAbandonGrace(ABANDON_GRACE))
                // Checks every 100 ms (30 s in real use). The "every critical step fell back 3 ticks in a row"
                // EMERGENCY rule is set out of reach: skipped ticks take no time and would crowd out the
                // 10,000 real ticks this soak is about. The rule has its own tests (HealthMonitorTest).
                .with(new HealthSettings(Duration.ofMillis(100), Duration.ofSeconds(15), 95, 64, 2, 2, 1_000_000));
        TickEngineBuilder b = TickEngine.builder(config).bus(bus);
        String[] seq = {"monologue", "semantic_context", "goal_selection", "action", "after_action"};
        Priority[] seqPrio = {Priority.CRITICAL, Priority.IMPORTANT, Priority.CRITICAL, Priority.CRITICAL, Priority.CRITICAL};
        for (int i = 0; i < seq.length; i++) {
            b.step(new FaultyStep(seq[i], seqPrio[i], Phase.SEQUENTIAL, i, STEP_TIMEOUT, FAULT_RATE), "soak");
        }
        String[] par = {"curiosity", "self_modification", "belief_system", "contradiction_resolver", "time_perception",
            "social_interaction", "meta_cognition"};
        Priority[] parPrio = {Priority.OPTIONAL, Priority.OPTIONAL, Priority.IMPORTANT, Priority.IMPORTANT,
            Priority.OPTIONAL, Priority.IMPORTANT, Priority.OPTIONAL};
        for (int i = 0; i < par.length; i++) {
            b.step(new FaultyStep(par[i], parPrio[i], Phase.PARALLEL, i, STEP_TIMEOUT, FAULT_RATE), "soak");
        }

        ObjectNode r = Bench.JSON.createObjectNode();
        ArrayNode samples = r.putArray("samples");
        long engineFailures = 0;
        long skippedTicks = 0;
        long fallbacks = 0;
        long timeouts = 0;
        long hungTicks = 0;
        int peakThreads = 0;
        long t0 = System.nanoTime();
        try (TickEngine engine = b.build()) {
            engine.health().start();
            for (int i = 1; i <= TICKS; i++) {
                for (Object[] w : HANG_WINDOWS) {
                    if (i == (int) w[1]) {
                        engine.stepFaults().hang((String) w[0], true);
                    } else if (i == (int) w[2]) {
                        engine.stepFaults().hang((String) w[0], false);
                    }
                }
                try {
                    TickRecord rec = engine.runTick();
                    if (rec.skipped()) {
                        skippedTicks++;
                    } else if (rec.steps().size() != 12
                            || rec.steps().stream().anyMatch(s -> s.outcome() == StepOutcome.FAILED)) {
                        engineFailures++;
                    }
                    fallbacks += rec.counts().fallbacks();
                    if (rec.steps().stream().anyMatch(s -> s.cause() != null && s.cause().name().equals("HUNG"))) {
                        hungTicks++;
                    }
                    timeouts += rec.steps().stream().filter(s -> s.cause() != null && s.cause().name().equals("TIMEOUT")).count();
                } catch (RuntimeException | Error e) {
                    engineFailures++;
                    System.err.println("tick " + i + " threw " + e);
                }
                peakThreads = Math.max(peakThreads, Thread.activeCount());
                if (i % 1000 == 0) {
                    Runtime rt = Runtime.getRuntime();
                    samples.addObject().put("tick", i).put("threads", Thread.activeCount())
                            .put("step_threads", engine.stepThreadsNow())
                            .put("abandoned_now", engine.abandonedThreads().current())
                            .put("heap_used_mb", (rt.totalMemory() - rt.freeMemory()) >> 20);
                    System.err.println("soak: " + i + " ticks, " + Thread.activeCount() + " threads");
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.gc();
            Runtime rt = Runtime.getRuntime();
            r.put("ticks", TICKS);
            r.put("fault_rate", FAULT_RATE);
            r.put("step_timeout_ms", STEP_TIMEOUT.toMillis());
            r.put("abandon_grace_ms", ABANDON_GRACE.toMillis());
            r.put("engine_failures", engineFailures);
            r.put("skipped_ticks", skippedTicks);
            r.put("fallbacks", fallbacks);
            r.put("timeouts", timeouts);
            r.put("peak_threads", peakThreads);
            r.put("peak_step_threads", engine.peakStepThreads());
            r.put("abandoned_threads", engine.abandonedThreads().total());
            r.put("abandoned_threads_at_end", engine.abandonedThreads().current());
            r.put("hung_ticks", hungTicks);
            r.put("engine_internal_errors", engine.internalErrors());
            r.put("events_dropped", bus.dropped());
            r.put("listener_failures", bus.listenerFailures());
            r.put("heap_after_mb", (rt.totalMemory() - rt.freeMemory()) >> 20);
            r.put("ticks_per_s", Bench.round(TICKS / seconds));
        }
        bus.close();
        return r;
    }
}
