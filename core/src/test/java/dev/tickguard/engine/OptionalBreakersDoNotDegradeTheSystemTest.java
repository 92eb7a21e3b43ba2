package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.BreakerState;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, defect 11: an OPTIONAL step whose breaker opens is shown, but does not by itself make
 * the system DEGRADED; an IMPORTANT step's open breaker does.
 */
class OptionalBreakersDoNotDegradeTheSystemTest {
    @TempDir
    Path dir;

    @Test
    void onlyNonOptionalBreakersCountForTheMode() {
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        FakeStep optional = FakeStep.par("curiosity", Priority.OPTIONAL).failing();
        FakeStep important = FakeStep.par("belief_system", Priority.IMPORTANT);
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), mono, optional, important)) {
            for (int i = 0; i < 3; i++) {
                engine.runTick();
            }
            assertThat(engine.breakers().get("step:curiosity").state()).isEqualTo(BreakerState.OPEN);
            assertThat(engine.health().mode()).isEqualTo(SystemMode.NORMAL);

            important.failing();
            for (int i = 0; i < 3; i++) {
                engine.runTick();
            }
            assertThat(engine.breakers().get("step:belief_system").state()).isEqualTo(BreakerState.OPEN);
            assertThat(engine.health().mode()).isEqualTo(SystemMode.DEGRADED);
            assertThat(engine.health().reason()).contains("belief_system").doesNotContain("curiosity");
        }
    }
}
