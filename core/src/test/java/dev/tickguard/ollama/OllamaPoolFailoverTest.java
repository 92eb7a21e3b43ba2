package dev.tickguard.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.OllamaStrategy;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.LlmException;
import dev.tickguard.time.StepScope;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 2/3: one logical call moves to the next endpoint at once when the first is down,
 * slow to answer, busy, cuts its stream or lacks the model; the step sees one call, the failed
 * endpoint's breaker one failure, and never a partial answer.
 */
class OllamaPoolFailoverTest {
    static final String DONE = ResilientLlmTest.DONE;
    private static final BreakerSettings THREE_FAILURES = new BreakerSettings(3, Duration.ofMinutes(1), 1);
    private PoolRig rig;

    @AfterEach
    void close() throws Exception {
        StepScope.leave();
        if (rig != null) {
            rig.close();
        }
    }

    private PoolRig ordered(Duration readTimeout) throws Exception {
        rig = new PoolRig(OllamaStrategy.ORDERED, THREE_FAILURES, readTimeout, 1, 1);
        return rig;
    }

    @Test
    void aDownEndpointFailsOverToTheNext() throws Exception {
        ordered(Duration.ofSeconds(5));
        rig.server('a').shutdown(); // connection refused from now on
        rig.server('b').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");

        TickEvent.LlmCall call = single();
        assertThat(call.success()).isTrue();
        assertThat(call.endpoint()).isEqualTo("b");
        assertThat(call.failedOver()).containsExactly("a");
        assertThat(call.servedBy()).isEqualTo("b (after a)");
        assertThat(rig.breakers.get("ollama:a:chat").consecutiveFailures()).isEqualTo(1);
        assertThat(rig.breakers.get("ollama:b:chat").consecutiveFailures()).isZero();
    }

    @Test
    void aBusyEndpointIsTriedOnceThenTheNextServes() throws Exception {
        ordered(Duration.ofSeconds(5));
        rig.server('a').enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":\"server busy\"}"));
        rig.server('b').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");

        assertThat(rig.server('a').getRequestCount()).as("no retry on a while b is behind it").isEqualTo(1);
        assertThat(single().endpoint()).isEqualTo("b");
        assertThat(rig.breakers.get("ollama:a:chat").consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void aServerErrorFailsOverToo() throws Exception {
        ordered(Duration.ofSeconds(5));
        rig.server('a').enqueue(new MockResponse().setResponseCode(500).setBody("{\"error\":\"llama runner died\"}"));
        rig.server('b').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");
        assertThat(single().servedBy()).isEqualTo("b (after a)");
    }

    @Test
    void aSlowFirstByteFailsOverAfterTheReadTimeout() throws Exception {
        ordered(Duration.ofMillis(300));
        rig.server('a').enqueue(new MockResponse().setHeadersDelay(10, TimeUnit.SECONDS).setBody(DONE));
        rig.server('b').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");
        assertThat(single().servedBy()).isEqualTo("b (after a)");
        assertThat(rig.server('a').getRequestCount()).isEqualTo(1);
    }

    @Test
    void aSilentServerWithTheModelLoadedIsLeftAtHalfTheTimeToTheDeadline() throws Exception {
        ordered(Duration.ofMinutes(5)); // the read timeout covers a cold load: far beyond the step's deadline
        rig.server('a').enqueue(new MockResponse().setBody(DONE));
        assertThat(rig.llm.chat("", "warm up a")).isEqualTo("fine"); // a now has the model loaded
        rig.server('a').enqueue(new MockResponse().setHeadersDelay(1, TimeUnit.MINUTES).setBody(DONE));
        rig.server('b').enqueue(new MockResponse().setBody(DONE));

        StepScope.enter("think", 1, () -> System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");

        assertThat(rig.calls().get(1).servedBy()).isEqualTo("b (after a)");
        assertThat(rig.calls().get(1).error()).isNull();
    }

    @Test
    void aStreamCutMidwayIsRetriedFromTheStartElsewhereAndThePartialAnswerDropped() throws Exception {
        ordered(Duration.ofSeconds(5));
        StringBuilder partial = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            partial.append("{\"message\":{\"content\":\"PARTIAL\"},\"done\":false}\n");
        }
        partial.append(DONE);
        rig.server('a').enqueue(new MockResponse().setBody(partial.toString())
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        rig.server('b').enqueue(new MockResponse().setBody("{\"message\":{\"content\":\"whole\"},\"done\":false}\n" + DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("wholefine");
        assertThat(single().servedBy()).isEqualTo("b (after a)");
    }

    @Test
    void aMissingModelOnOneEndpointIsServedByAnother() throws Exception {
        ordered(Duration.ofSeconds(5));
        rig.server('a').enqueue(new MockResponse().setResponseCode(404)
                .setBody("{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}"));
        rig.server('b').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");
        assertThat(single().servedBy()).isEqualTo("b (after a)");
    }

    @Test
    void ourOwnBadRequestDoesNotFailOver() throws Exception {
        ordered(Duration.ofSeconds(5));
        rig.server('a').enqueue(new MockResponse().setResponseCode(400).setBody("{\"error\":\"invalid format\"}"));

        LlmException e = catchThrowableOfType(() -> rig.llm.chat("", "think"), LlmException.class);

        assertThat(e).hasMessageContaining("HTTP 400");
        assertThat(rig.server('b').getRequestCount()).isZero();
    }

    @Test
    void whenEveryEndpointFailsTheCauseNamesEach() throws Exception {
        ordered(Duration.ofSeconds(5));
        rig.server('a').enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":\"busy\"}"));
        for (int i = 0; i < 3; i++) { // the last endpoint left retries (2 retries)
            rig.server('b').enqueue(new MockResponse().setResponseCode(500).setBody("{\"error\":\"died\"}"));
        }

        LlmException e = catchThrowableOfType(() -> rig.llm.chat("", "think"), LlmException.class);

        assertThat(e).hasMessageStartingWith("every endpoint failed: a: HTTP 503: busy; b: HTTP 500: died");
        assertThat(e.isTransient()).isTrue();
        assertThat(rig.server('b').getRequestCount()).isEqualTo(3);
        TickEvent.LlmCall call = single();
        assertThat(call.success()).isFalse();
        assertThat(call.servedBy()).isEqualTo("b (after a)");
        assertThat(rig.breakers.get("ollama:a:chat").consecutiveFailures()).isEqualTo(1);
        assertThat(rig.breakers.get("ollama:b:chat").consecutiveFailures()).as("one logical call, one failure").isEqualTo(1);
    }

    @Test
    void theLastServerThatCanServeIsRetriedLikeASingleServer() throws Exception {
        ordered(Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) {
            rig.breakers.get("ollama:a:chat").recordFailure(); // a is cooling down for a minute
        }
        rig.server('b').enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":\"busy\"}"));
        rig.server('b').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).as("b retried with backoff, nothing to fail over to").isEqualTo("fine");

        assertThat(rig.server('b').getRequestCount()).isEqualTo(2);
        assertThat(single().retries()).isEqualTo(1);
    }

    @Test
    void aForcedOpenEndpointIsSkippedWithoutASound() throws Exception {
        ordered(Duration.ofSeconds(5));
        rig.breakers.get("ollama:a:chat").forceOpen();
        rig.server('b').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");

        assertThat(rig.server('a').getRequestCount()).isZero();
        assertThat(single().servedBy()).isEqualTo("b");
        assertThat(rig.breakers.get("ollama:a:chat").state()).isEqualTo(BreakerState.FORCED_OPEN);
    }

    @Test
    void unreachableEndpointsAreExplainedOnceEachNotInTurns() throws Exception {
        rig = new PoolRig(OllamaStrategy.ORDERED, new BreakerSettings(100, Duration.ofMinutes(1), 1),
                Duration.ofSeconds(5), 1, 1);
        rig.server('a').shutdown();
        rig.server('b').shutdown();
        for (int i = 0; i < 3; i++) {
            catchThrowableOfType(() -> rig.llm.embed("x"), LlmException.class);
        }
        rig.bus.drain(Duration.ofSeconds(10));
        assertThat(rig.events.stream().filter(e -> e instanceof TickEvent.Notice).toList())
                .as("one notice per endpoint, however many calls failed over between them").hasSize(2);
    }

    private TickEvent.LlmCall single() {
        assertThat(rig.calls()).as("one logical call is one event").hasSize(1);
        return rig.calls().get(0);
    }
}
