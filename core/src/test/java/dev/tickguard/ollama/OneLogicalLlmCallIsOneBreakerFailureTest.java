package dev.tickguard.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickguard.events.BreakerState;
import dev.tickguard.spi.LlmException;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, defect 10: the breaker wraps the retries, so a chat call that got HTTP 500 on every
 * attempt is one failure, not three; the breaker opens after three failed logical calls, and then
 * refuses without any traffic (no retries of a refusal).
 */
class OneLogicalLlmCallIsOneBreakerFailureTest {
    @Test
    void aCallThatFailedAfterItsRetriesIsOneFailure() throws Exception {
        try (LlmTestRig rig = new LlmTestRig()) {
            for (int i = 0; i < 3; i++) {
                rig.server.enqueue(new MockResponse().setResponseCode(500).setBody("{\"error\":\"runner died\"}"));
            }
            assertThatThrownBy(() -> rig.llm.chat("", "hi")).isInstanceOf(LlmException.class);
            assertThat(rig.server.getRequestCount()).isEqualTo(3); // 1 call + 2 retries
            assertThat(rig.breakers.get(ResilientLlm.CHAT_BREAKER).state()).isEqualTo(BreakerState.CLOSED);
            assertThat(rig.breakers.get(ResilientLlm.CHAT_BREAKER).snapshot().failures()).isEqualTo(1);

            for (int i = 0; i < 6; i++) {
                rig.server.enqueue(new MockResponse().setResponseCode(500).setBody("{\"error\":\"runner died\"}"));
            }
            assertThatThrownBy(() -> rig.llm.chat("", "hi")).isInstanceOf(LlmException.class);
            assertThat(rig.breakers.get(ResilientLlm.CHAT_BREAKER).state()).isEqualTo(BreakerState.CLOSED);
            assertThatThrownBy(() -> rig.llm.chat("", "hi")).isInstanceOf(LlmException.class);
            assertThat(rig.breakers.get(ResilientLlm.CHAT_BREAKER).state()).isEqualTo(BreakerState.OPEN);
            assertThat(rig.server.getRequestCount()).isEqualTo(9);

            assertThatThrownBy(() -> rig.llm.chat("", "hi")).hasMessageContaining("is open");
            assertThat(rig.server.getRequestCount()).isEqualTo(9);
            assertThat(rig.breakerEvents()).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("3 failures in a row"));
        }
    }
}
