package dev.tickguard.bench.jmh;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.events.BreakerState;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
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

/** The breaker's share of a step: a permit, then the run's success recorded (and the state read for the record). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BreakerBench {
    private Breaker breaker;

    @Setup
    public void setUp() {
        breaker = new BreakerRegistry(BreakerSettings.defaults(), new EventBus(), TimeSource.system()).get("step:bench");
    }

    @Benchmark
    public BreakerState permitAndSuccess() {
        if (breaker.tryAcquirePermit()) {
            breaker.recordSuccess();
        }
        return breaker.state();
    }
}
