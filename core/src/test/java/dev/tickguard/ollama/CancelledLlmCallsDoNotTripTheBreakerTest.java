package dev.tickguard.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.BreakerState;
import dev.tickguard.spi.LlmException;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, defect 5: an LLM call cancelled by its caller (a step interrupted at its deadline) is
 * not a failure of Ollama: more cancellations than the breaker's threshold leave
 * {@code ollama:chat} closed, with no failure counted.
 */
class CancelledLlmCallsDoNotTripTheBreakerTest {
    @Test
    void callsInterruptedByTheirCallerAreNotBreakerFailures() throws Exception {
        try (LlmTestRig rig = new LlmTestRig()) {
            for (int i = 0; i < 5; i++) {
                // Ollama is slow (a model loading): the call is cut off by its caller, as at a step's deadline.
                assertThat(rig.chatCutOffByItsCaller()).isInstanceOf(LlmException.class);
            }
            assertThat(rig.breakers.get(ResilientLlm.CHAT_BREAKER).state()).isEqualTo(BreakerState.CLOSED);
            assertThat(rig.breakers.get(ResilientLlm.CHAT_BREAKER).snapshot().failures()).isZero();
            assertThat(rig.breakerEvents()).isEmpty();
        }
    }
}
