package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.POJONode;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, defect 11: an exception in a state save, in a listener (any Throwable) or in
 * {@code runTick} is logged and counted, never silent, and the tick loop survives it.
 */
class FailuresInsideTheEngineAreCountedTest {
    @TempDir
    Path dir;

    @Test
    void aListenerThrowingAnErrorIsCountedAndKeepsReceiving() {
        try (EventBus bus = new EventBus()) {
            List<String> got = new CopyOnWriteArrayList<>();
            bus.subscribe("bad", e -> {
                got.add(((TickEvent.Notice) e).message());
                throw new AssertionError("listener bug");
            });
            bus.publish(new TickEvent.Notice(Instant.EPOCH, "t", "one"));
            bus.publish(new TickEvent.Notice(Instant.EPOCH, "t", "two"));
            assertThat(bus.drain(Duration.ofSeconds(10))).isTrue();
            assertThat(got).containsExactly("one", "two");
            assertThat(bus.listenerFailures()).isEqualTo(2);
        }
    }

    @Test
    void aFailureInRunTickIsCountedAndTheLoopGoesOn() throws Exception {
        AtomicBoolean boom = new AtomicBoolean(true);
        TimeSource flaky = new TimeSource() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Instant now() {
                if (Thread.currentThread().getName().equals("tickguard-engine") && boom.getAndSet(false)) {
                    throw new IllegalStateException("clock broke");
                }
                return Instant.now();
            }
        };
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        try (TickEngine engine = Engines.engine(Engines.config(dir).withTick(t -> t.withInterval(Duration.ZERO)), flaky, mono)) {
            var done = engine.stopAfter(3);
            engine.start();
            done.get(30, TimeUnit.SECONDS);
            assertThat(engine.internalErrors()).isEqualTo(1);
            assertThat(mono.runs.get()).isEqualTo(2);
        }
    }

    /**
     * A result that cannot be written is the step's own failure, found on its thread under its deadline
     * (issue 17: a plugin's node classes never run later), so nothing fails when the tick is saved.
     */
    @Test
    void aResultThatCannotBeWrittenFailsItsStepNotTheSave() throws Exception {
        FakeStep odd = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        odd.body = ctx -> new POJONode(new Unserializable());
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), odd)) {
            var r = engine.runTick();
            assertThat(r.steps().get(0).outcome()).isNotEqualTo(dev.tickguard.events.StepOutcome.SUCCESS);
            assertThat(engine.database().flush(10_000)).isTrue();
            assertThat(engine.internalErrors()).isZero();
        }
        assertThat(dev.tickguard.persist.DbAssert.ticks(dir)).containsExactly(1L);
    }

    /** A value Jackson cannot write. */
    public static final class Unserializable {
        public String getValue() {
            throw new IllegalStateException("cannot be written");
        }
    }
}
