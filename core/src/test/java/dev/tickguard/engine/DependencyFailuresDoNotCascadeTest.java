package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.BreakerState;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.LlmException;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 18.1): forcing ollama:chat open made every step that called the LLM fail, and
 * ten step breakers opened with it, so the system stayed degraded minutes after the LLM was back.
 * A step that fails because of the LLM is recorded with a dependency cause and its own breaker does
 * not count it; its own failures still count.
 */
class DependencyFailuresDoNotCascadeTest {
    @TempDir
    Path dir;

    @Test
    void llmFailuresAreTheDependencysNotTheSteps() throws Exception {
        FakeStep refused = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        refused.body = ctx -> {
            throw LlmException.refused("ollama:chat", "breaker ollama:chat is forced open");
        };
        FakeStep unreachable = FakeStep.par("curiosity", Priority.IMPORTANT);
        unreachable.body = ctx -> {
            // A step that wraps the LLM's failure in its own still fails because of the LLM.
            throw new IllegalStateException("no thought", new LlmException("connection refused", true, null));
        };
        FakeStep broken = FakeStep.par("belief_system", Priority.IMPORTANT).failing();
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), refused, unreachable, broken)) {
            TickRecord last = null;
            for (int i = 0; i < 5; i++) {
                last = engine.runTick();
            }
            StepRecord mono = step(last, "monologue");
            assertThat(mono.cause()).isEqualTo(StepCause.DEPENDENCY_OPEN);
            assertThat(mono.error()).isEqualTo("breaker ollama:chat is forced open");
            assertThat(mono.fallback()).isEqualTo(FallbackSource.DEFAULT);
            assertThat(step(last, "curiosity").cause()).isEqualTo(StepCause.DEPENDENCY_FAILED);

            assertThat(engine.breakers().get("step:monologue").state()).isEqualTo(BreakerState.CLOSED);
            assertThat(engine.breakers().get("step:curiosity").state()).isEqualTo(BreakerState.CLOSED);
            // The step's own failures still open its breaker (3 in a row).
            assertThat(engine.breakers().get("step:belief_system").state()).isEqualTo(BreakerState.OPEN);
        }
    }

    private static StepRecord step(TickRecord r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
