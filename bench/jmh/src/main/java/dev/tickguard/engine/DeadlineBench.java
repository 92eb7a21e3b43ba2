package dev.tickguard.engine;

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
 * The deadline's share of a step that ends in time: arming it on the engine's timer and taking it
 * off again (the timer is not woken for either: the deadlines keep moving later).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeadlineBench {
    private DeadlineTimer timer;
    private Armed armed;

    /** A deadline 10 s from when it is armed. */
    static final class Armed implements DeadlineTimer.Watched {
        long deadline;

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public long expire(long now) {
            return Long.MAX_VALUE;
        }
    }

    @Setup
    public void setUp() {
        timer = new DeadlineTimer("bench-deadlines");
        armed = new Armed();
    }

    @TearDown
    public void tearDown() {
        timer.close();
    }

    @Benchmark
    public long armAndDisarm() {
        armed.deadline = System.nanoTime() + 10_000_000_000L;
        timer.watch(armed);
        armed.deadline = Long.MAX_VALUE; // disarmed: the timer drops it when it next looks
        return armed.deadline;
    }
}
