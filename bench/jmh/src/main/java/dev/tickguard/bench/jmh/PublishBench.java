package dev.tickguard.bench.jmh;

import dev.tickguard.bus.EventBus;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publishing one event to three listeners (what the app subscribes: log, journal, history), here
 * doing nothing with it; the listeners run on their own threads, the cost measured is the
 * publisher's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PublishBench {
    private EventBus bus;
    private TickEvent event;

    @Setup
    public void setUp() {
        bus = new EventBus();
        for (String name : new String[]{"log", "journal", "history"}) {
            bus.subscribe(name, e -> { });
        }
        event = new TickEvent.StepFinished(Instant.now(), 1, new StepRecord("bench", Priority.CRITICAL,
                Phase.SEQUENTIAL, 0, 0, 1000, StepOutcome.SUCCESS, (StepCause) null, null, null, false));
    }

    @TearDown
    public void tearDown() {
        bus.close();
    }

    @Benchmark
    public void publishToThreeListeners() {
        bus.publish(event);
    }
}
