package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions (hostile pass 2): an exception whose cause chain loops (a -> b -> a) spun a step thread
 * forever and lost the tick's records; one whose getMessage() throws was taken for an engine bug.
 */
class HostileThrowablesDoNotStallTheTickTest {
    @TempDir
    Path dir;

    @Test
    void aCyclicCauseChainAndAThrowingMessageAreJustFailures() throws Exception {
        FakeStep cyclic = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        cyclic.body = ctx -> {
            RuntimeException a = new RuntimeException("a");
            RuntimeException b = new RuntimeException("b", a);
            a.initCause(b);
            throw a;
        };
        FakeStep evil = FakeStep.par("curiosity", Priority.OPTIONAL);
        evil.body = ctx -> {
            throw new IllegalStateException() {
                @Override
                public String getMessage() {
                    throw new UnsupportedOperationException("no message for you");
                }
            };
        };
        FakeStep fine = FakeStep.par("time_perception", Priority.OPTIONAL);
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), cyclic, evil, fine)) {
            TickRecord r = CompletableFuture.supplyAsync(engine::runTick).get(60, TimeUnit.SECONDS);

            assertThat(r.steps()).extracting(StepRecord::id).containsExactly("monologue", "curiosity", "time_perception");
            assertThat(r.steps()).allMatch(StepRecord::hasResult);
            assertThat(r.steps().get(1).error()).contains("its message could not be read");
        }
    }
}
