package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.StepOverride;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.BaseStep;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fallback chain for a failed step: its custom fallback (run on a step thread under a deadline)
 * has nothing, the cached result is used.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FallbackBench {
    private FallbackChain chain;
    private LoadedStep step;
    private TickStepContext context;
    private final RuntimeException failure = new RuntimeException("step broke");

    /** A step with no custom fallback. */
    static final class Plain extends BaseStep {
        Plain() {
            super("bench", Priority.IMPORTANT, Phase.SEQUENTIAL, 0, Duration.ofSeconds(1));
        }

        @Override
        public JsonNode run(StepContext context) {
            return IntNode.valueOf(1);
        }

        @Override
        public Optional<JsonNode> fallback(StepContext context, Throwable failure) {
            return Optional.empty();
        }

        @Override
        public JsonNode safeDefault() {
            return IntNode.valueOf(0);
        }
    }

    @Setup
    public void setUp() {
        ResultCache cache = new ResultCache();
        cache.put("bench", IntNode.valueOf(7), Instant.now());
        // The step's own fallback runs on a step thread under a deadline (a hand-off per call).
        chain = new FallbackChain(cache, Duration.ofHours(1), new StepThreads(8), new AbandonedThreads(), 100_000_000L);
        step = LoadedStep.of(new Plain(), StepOverride.NONE,
                new BreakerRegistry(BreakerSettings.defaults(), new EventBus(), TimeSource.system()).get("step:bench"),
                "bench");
        context = new TickStepContext(1, "bench", Map.of(), null, null, null, null, null);
    }

    @Benchmark
    public Object cachedFallback() {
        return chain.resolve(step, context, failure, Instant.now(), System.nanoTime() + 1_000_000_000L, f -> { });
    }
}
