package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.tickguard.bus.EventBus;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.BaseStep;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole ticks of zero-time steps through the real engine (every feature on; three listeners that
 * do nothing): with 5 sequential steps and with 5 sequential + 7 parallel ones. Divide by the step
 * count for the cost per step; the parallel phase adds its thread hand-offs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StepBench {
    @Param({"0", "7"})
    public int parallel;

    private EventBus bus;
    private TickEngine engine;

    /** Returns at once. */
    static final class Zero extends BaseStep {
        Zero(String id, Phase phase, int order) {
            super(id, Priority.CRITICAL, phase, order, Duration.ofSeconds(10));
        }

        @Override
        public JsonNode run(StepContext context) {
            return IntNode.valueOf(order());
        }

        @Override
        public JsonNode safeDefault() {
            return IntNode.valueOf(-1);
        }
    }

    @Setup
    public void setUp() throws Exception {
        bus = new EventBus();
        for (String name : new String[]{"log", "journal", "history"}) {
            bus.subscribe(name, e -> { });
        }
        TickEngineBuilder b = TickEngine.builder(TickguardConfig.defaults()
                .withDataDir(Files.createTempDirectory("tickguard-jmh"))).bus(bus).withoutDefaultChecks();
        for (int i = 0; i < 5; i++) {
            b.step(new Zero("seq" + i, Phase.SEQUENTIAL, i), "bench");
        }
        for (int i = 0; i < parallel; i++) {
            b.step(new Zero("par" + i, Phase.PARALLEL, i), "bench");
        }
        engine = b.build();
    }

    @TearDown
    public void tearDown() {
        engine.close();
        bus.close();
    }

    @Benchmark
    public TickRecord tick() {
        return engine.runTick();
    }
}
