package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.StepCause;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: the last parallel step runs inline on the thread that finished phase 1; when it hung
 * (ignoring interrupts), that thread never reached the phase's final arrival, so the tick never
 * finished, not even after stop.
 */
class HungLastParallelStepTest {
    @TempDir
    Path dir;

    @Test
    void aHungLastParallelStepEndsAtItsDeadlineAndTheTickFinishes() throws Exception {
        FakeStep first = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        FakeStep hung = new FakeStep("curiosity", Priority.OPTIONAL, dev.tickguard.spi.Phase.PARALLEL, 0,
                Duration.ofMillis(200));
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), first, hung)) {
            engine.stepFaults().hang("curiosity", true);
            TickRecord r = CompletableFuture.supplyAsync(engine::runTick).get(30, TimeUnit.SECONDS);
            assertThat(r.steps()).hasSize(2);
            assertThat(r.steps().get(1).cause()).isEqualTo(StepCause.TIMEOUT);
            assertThat(r.steps().get(1).abandoned()).isTrue();
        }
    }
}
