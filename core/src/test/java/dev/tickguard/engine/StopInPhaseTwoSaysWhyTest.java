package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.events.StepCause;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression (issue 17.4): a stop during phase 2 journaled the tick with abort_reason null. */
class StopInPhaseTwoSaysWhyTest {
    @TempDir
    Path dir;

    @Test
    void aStopWhileParallelStepsRunRecordsTheTickAsAbortedWithTheReason() throws Exception {
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        FakeStep slow = FakeStep.par("curiosity", Priority.OPTIONAL);
        FakeStep quick = FakeStep.par("time_perception", Priority.OPTIONAL);
        CountDownLatch never = new CountDownLatch(1);
        slow.body = ctx -> {
            never.await(); // until the stop interrupts it
            return FakeStep.text("never");
        };
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), mono, slow, quick)) {
            CompletableFuture<TickRecord> tick = CompletableFuture.supplyAsync(engine::runTick);
            await().atMost(Duration.ofSeconds(30)).until(() -> slow.runs.get() == 1);

            engine.stop();
            TickRecord r = tick.get(30, TimeUnit.SECONDS);

            assertThat(r.abortReason()).isEqualTo("engine stopping");
            assertThat(r.steps()).filteredOn(s -> s.id().equals("curiosity")).singleElement()
                    .satisfies(s -> assertThat(s.cause()).isEqualTo(StepCause.ABORTED));
        }
    }
}
