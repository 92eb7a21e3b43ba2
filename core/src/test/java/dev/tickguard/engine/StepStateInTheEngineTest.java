package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepState;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code StepContext.state()} in the engine: kept from tick to tick and across a restart; a run past its deadline cannot write. */
class StepStateInTheEngineTest {
    @TempDir
    Path dir;

    private static FakeStep counter() {
        // A generous timeout: on 2 loaded cores a 10 s one was missed once; this test is about the state, not time.
        FakeStep s = new FakeStep("counter", Priority.CRITICAL, dev.tickguard.spi.Phase.SEQUENTIAL, 1, Duration.ofSeconds(60));
        s.body = ctx -> {
            int n = ctx.state().get("count").map(v -> v.asInt()).orElse(0) + 1;
            ctx.state().put("count", IntNode.valueOf(n));
            return IntNode.valueOf(n);
        };
        return s;
    }

    private TickEngine engine(FakeStep step) {
        TickEngineBuilder b = TickEngine.builder(Engines.config(dir.resolve("data"))).time(TimeSource.system())
                .bus(new EventBus()).withoutDefaultChecks();
        b.step(step, "test");
        return b.build();
    }

    @Test
    void theStateIsKeptFromTickToTickAndAcrossARestart() {
        try (TickEngine engine = engine(counter())) {
            for (int t = 1; t <= 2; t++) {
                var r = engine.runTick();
                assertThat(r.steps().get(0).outcome()).as(r.toString()).isEqualTo(StepOutcome.SUCCESS);
            }
            assertThat(engine.cache().get("counter").orElseThrow().value().asInt()).isEqualTo(2);
        }
        try (TickEngine engine = engine(counter())) {
            var r = engine.runTick();
            assertThat(r.steps().get(0).outcome()).as(r.toString()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(engine.cache().get("counter").orElseThrow().value().asInt()).isEqualTo(3);
        }
    }

    @Test
    void aRunPastItsDeadlineCannotChangeTheState() throws Exception {
        FakeStep slow = new FakeStep("slow", Priority.CRITICAL, dev.tickguard.spi.Phase.SEQUENTIAL, 1,
                Duration.ofMillis(200));
        AtomicReference<Throwable> lateWrite = new AtomicReference<>();
        CountDownLatch tried = new CountDownLatch(1);
        slow.body = ctx -> {
            StepState state = ctx.state();
            state.put("seen", IntNode.valueOf(1));
            try {
                Thread.sleep(60_000); // interrupted at the deadline
            } catch (InterruptedException e) {
                try {
                    state.put("seen", IntNode.valueOf(2));
                } catch (RuntimeException refused) {
                    lateWrite.set(refused);
                }
                tried.countDown();
                throw e;
            }
            return IntNode.valueOf(0);
        };
        try (TickEngine engine = engine(slow)) {
            assertThat(engine.runTick().steps().get(0).outcome()).isNotEqualTo(StepOutcome.SUCCESS);
            assertThat(tried.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(lateWrite.get()).isInstanceOf(java.util.concurrent.CancellationException.class);
            slow.body = ctx -> ctx.state().get("seen").orElseThrow();
            slow.fallback = (c, t) -> java.util.Optional.empty();
            engine.runTick();
            assertThat(engine.cache().get("slow").orElseThrow().value().asInt()).isEqualTo(1);
        }
    }
}
