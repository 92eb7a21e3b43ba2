package dev.tickguard.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.BreakerState;
import dev.tickguard.spi.LlmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.MockResponse;
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
                // Ollama is slow (a model loading): the answer would come after 30 s.
                rig.server.enqueue(new MockResponse().setHeadersDelay(30, TimeUnit.SECONDS)
                        .setBody(ResilientLlmTest.DONE));
                AtomicReference<Thread> caller = new AtomicReference<>();
                CompletableFuture<Throwable> call = CompletableFuture.supplyAsync(() -> {
                    caller.set(Thread.currentThread());
                    try {
                        rig.llm.chat("", "think");
                        return null;
                    } catch (LlmException e) {
                        return e;
                    }
                });
                assertThat(rig.server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
                caller.get().interrupt(); // the step's deadline
                assertThat(call.get(10, TimeUnit.SECONDS)).isInstanceOf(LlmException.class);
            }
            assertThat(rig.breakers.get(ResilientLlm.CHAT_BREAKER).state()).isEqualTo(BreakerState.CLOSED);
            assertThat(rig.breakers.get(ResilientLlm.CHAT_BREAKER).snapshot().failures()).isZero();
            assertThat(rig.breakerEvents()).isEmpty();
        }
    }
}
