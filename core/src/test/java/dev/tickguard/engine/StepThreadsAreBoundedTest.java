package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.EventBus;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step-thread pool has a cap: more parallel steps than threads never wait for a thread; the ones
 * the full pool refuses end at once as failures with their fallback, and the tick records every step.
 */
class StepThreadsAreBoundedTest {
    @TempDir
    Path dir;

    @Test
    void stepsBeyondTheCapAreRefusedAtOnceAndTheTickRecordsEveryStep() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        TickEngineBuilder b = TickEngine.builder(Engines.config(dir)).bus(new EventBus()).withoutDefaultChecks()
                .maxStepThreads(4);
        b.step(FakeStep.seq("monologue", Priority.CRITICAL, 1), "test");
        for (int i = 0; i < 8; i++) {
            FakeStep s = new FakeStep("wide_" + i, Priority.OPTIONAL, Phase.PARALLEL, 0, Duration.ofMillis(500));
            s.body = ctx -> {
                never.await(); // interruptible: ends at its deadline
                return FakeStep.text("late");
            };
            b.step(s, "test");
        }
        try (TickEngine engine = b.build()) {
            TickRecord r = CompletableFuture.supplyAsync(engine::runTick).get(60, TimeUnit.SECONDS);

            assertThat(r.steps()).hasSize(9);
            assertThat(engine.peakStepThreads()).isLessThanOrEqualTo(4);
            var wide = r.steps().stream().filter(s -> s.id().startsWith("wide_")).toList();
            assertThat(wide).allMatch(StepRecord::hasResult, "every step ends with a fallback result");
            assertThat(wide).filteredOn(s -> s.cause() == StepCause.ERROR).isNotEmpty()
                    .allMatch(s -> s.error().startsWith("not started: all 4 step threads are busy") && s.durationMs() < 500,
                            "refused at once, with its reason");
            assertThat(wide).filteredOn(s -> s.cause() == StepCause.TIMEOUT).hasSizeLessThanOrEqualTo(4);
        }
    }
}
