package dev.tickguard.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.config.HealthSettings;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.health.HealthMonitor;
import dev.tickguard.spi.LlmException;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.TimeSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 17.7): with Ollama hanging, the mode stayed "NORMAL (all healthy)" for 42 s
 * while every call was cut off at its step's deadline, and after the hang it took 90 s and 30 good
 * ticks to reach NORMAL. A call that gets no answer before its deadline makes the system DEGRADED at
 * once; the first answer starts RECOVERY; {@code health.recovery_ticks} (1) good tick ends it.
 */
class SilentOllamaIsNoticedAtOnceTest {
    private static TickRecord goodTick(long n) {
        StepRecord s = new StepRecord("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 5, 1000,
                StepOutcome.SUCCESS, null, null, null, false);
        return new TickRecord(n, Instant.EPOCH, 5, SystemMode.RECOVERY, false, null, null, TickCounts.of(List.of(s)),
                Map.of(), List.of(s), 0);
    }

    @Test
    void aCallCutOffByItsDeadlineDegradesAtOnceAndTwoGoodTicksRecover() throws Exception {
        try (LlmTestRig rig = new LlmTestRig()) {
            HealthMonitor health = new HealthMonitor(HealthSettings.defaults(), rig.breakers, rig.bus,
                    TimeSource.system());
            rig.llm.attach(health);
            // Ollama is slow (a model loading): the call is cut off by its caller, as at a step's deadline.
            assertThat(rig.chatCutOffByItsCaller()).isInstanceOf(LlmException.class);

            assertThat(health.mode()).isEqualTo(SystemMode.DEGRADED); // no check run needed
            assertThat(health.reason()).contains("the LLM did not answer within");

            rig.server.enqueue(new MockResponse().setBody(ResilientLlmTest.DONE));
            rig.llm.chat("", "think");
            assertThat(health.mode()).isEqualTo(SystemMode.RECOVERY);

            health.onTick(goodTick(1));
            assertThat(health.mode()).isEqualTo(SystemMode.NORMAL);
            assertThat(health.reason()).isEqualTo("a good tick");
        }
    }
}
