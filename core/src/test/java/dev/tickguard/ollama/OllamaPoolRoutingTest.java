package dev.tickguard.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.config.OllamaStrategy;
import dev.tickguard.events.BreakerState;
import dev.tickguard.health.HealthMonitor;
import dev.tickguard.spi.LlmException;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.StepScope;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 2/3: which endpoint a call goes to (the model loaded, fewest in flight, weight, or
 * the listed order), waiting for a cooldown only within the step's deadline, and the mode counting
 * the pool as down only when no endpoint can serve.
 */
class OllamaPoolRoutingTest {
    static final String DONE = ResilientLlmTest.DONE;
    static final String PS_LLAMA = "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\"}]}";
    static final String PS_NONE = "{\"models\":[]}";
    private PoolRig rig;

    @AfterEach
    void close() throws Exception {
        StepScope.leave();
        if (rig != null) {
            rig.close();
        }
    }

    private PoolRig rig(OllamaStrategy strategy, BreakerSettings breakers, int... weights) throws Exception {
        rig = new PoolRig(strategy, breakers, Duration.ofSeconds(5), weights);
        return rig;
    }

    private static BreakerSettings openAfterOne(Duration delay) {
        return new BreakerSettings(1, delay, 1);
    }

    @Test
    void theEndpointWithTheModelLoadedIsPreferred() throws Exception {
        rig(OllamaStrategy.LEAST_BUSY, openAfterOne(Duration.ofMinutes(1)), 5, 1, 1);
        rig.server('a').enqueue(new MockResponse().setBody(PS_NONE));
        rig.server('b').enqueue(new MockResponse().setBody(PS_NONE));
        rig.server('c').enqueue(new MockResponse().setBody(PS_LLAMA));
        rig.pool.refreshNow();
        rig.server('c').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");

        assertThat(rig.calls().get(0).endpoint()).as("c has llama3.2 loaded; a only weighs more").isEqualTo("c");
        assertThat(rig.pool.endpoint("c").status().loadedModels()).containsExactly("llama3.2");
    }

    @Test
    void withNothingLoadedTheHeavierEndpointIsPreferred() throws Exception {
        rig(OllamaStrategy.LEAST_BUSY, openAfterOne(Duration.ofMinutes(1)), 1, 3);
        rig.server('b').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");
        assertThat(rig.calls().get(0).endpoint()).isEqualTo("b");
    }

    @Test
    void theEndpointWithFewerCallsInFlightIsPreferred() throws Exception {
        rig(OllamaStrategy.LEAST_BUSY, openAfterOne(Duration.ofMinutes(1)), 1, 1);
        rig.server('a').enqueue(new MockResponse().setHeadersDelay(1, TimeUnit.SECONDS).setBody(DONE));
        rig.server('b').enqueue(new MockResponse().setBody(DONE));
        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> {
            try {
                return rig.llm.chat("", "first");
            } catch (LlmException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(rig.server('a').takeRequest(10, TimeUnit.SECONDS)).as("the first call, on a (tie: listed first)").isNotNull();

        assertThat(rig.llm.chat("", "second")).isEqualTo("fine");

        assertThat(rig.server('b').getRequestCount()).as("a has a call in flight: b takes the second").isEqualTo(1);
        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("fine");
    }

    @Test
    void theOrderedStrategyKeepsToThePrimaryWhileItServes() throws Exception {
        rig(OllamaStrategy.ORDERED, openAfterOne(Duration.ofMinutes(1)), 1, 9);
        rig.server('a').enqueue(new MockResponse().setBody(PS_NONE));
        rig.server('b').enqueue(new MockResponse().setBody(PS_LLAMA));
        rig.pool.refreshNow();
        for (int i = 0; i < 3; i++) {
            rig.server('a').enqueue(new MockResponse().setBody(DONE));
            assertThat(rig.llm.chat("", "think")).isEqualTo("fine");
        }
        assertThat(rig.calls()).extracting(c -> c.endpoint()).containsExactly("a", "a", "a");
    }

    @Test
    void anEndpointThatDoesNotServeTheModelIsNeverAsked() throws Exception {
        rig(OllamaStrategy.ORDERED, openAfterOne(Duration.ofMinutes(1)), 1, 1);
        // A pool whose first endpoint serves only another model.
        dev.tickguard.config.OllamaEndpointSettings only = new dev.tickguard.config.OllamaEndpointSettings("a",
                rig.server('a').url("/").toString(), 1, List.of("qwen2.5"));
        assertThat(only.serves("llama3.2")).isFalse();
        OllamaEndpoint a = rig.pool.endpoint("a");
        OllamaEndpoint restricted = new OllamaEndpoint(only, 0, a.client(), a.probe(), a.faults(), a.breaker("chat"),
                a.breaker("embed"));
        OllamaPool pool = new OllamaPool(List.of(restricted, rig.pool.endpoint("b")), OllamaStrategy.ORDERED);

        assertThat(pool.route("chat", "llama3.2", List.of())).extracting(OllamaEndpoint::name).containsExactly("b");
        assertThat(pool.route("chat", "qwen2.5:latest", List.of())).extracting(OllamaEndpoint::name).containsExactly("a", "b");
    }

    @Test
    void anEndpointFailingItsHealthCheckIsTriedAfterTheOthers() throws Exception {
        rig(OllamaStrategy.ORDERED, openAfterOne(Duration.ofMinutes(1)), 1, 1);
        rig.server('a').shutdown(); // down: its check fails, its breaker is still closed (no call went there)
        rig.server('b').enqueue(new MockResponse().setBody("{\"version\":\"0.12.6\"}"));
        rig.server('b').enqueue(new MockResponse().setBody(
                "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\"}]}"));
        assertThat(new OllamaPoolHealthCheck(rig.pool, "llama3.2", Duration.ofSeconds(15)).check().detail())
                .startsWith("1 of 2 endpoints healthy; a: Ollama is not reachable at ");
        rig.server('b').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");

        assertThat(rig.calls().get(0).servedBy()).as("the primary is down: straight to b, no failover").isEqualTo("b");
        assertThat(rig.pool.endpoint("a").status().healthy()).isFalse();
        assertThat(rig.breakers.get("ollama:a:chat").consecutiveFailures()).isZero();
    }

    @Test
    void whenAllAreCoolingDownTheCallWaitsForTheFirstReadyWithinTheDeadline() throws Exception {
        rig(OllamaStrategy.ORDERED, openAfterOne(Duration.ofMillis(1500)), 1, 1);
        rig.server('a').enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":\"busy\"}"));
        rig.server('b').enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":\"busy\"}"));
        rig.server('b').enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":\"busy\"}"));
        rig.server('b').enqueue(new MockResponse().setResponseCode(503).setBody("{\"error\":\"busy\"}"));
        catchThrowableOfType(() -> rig.llm.chat("", "first"), LlmException.class);
        assertThat(rig.breakers.get("ollama:a:chat").state()).isEqualTo(BreakerState.OPEN);
        assertThat(rig.breakers.get("ollama:b:chat").state()).isEqualTo(BreakerState.OPEN);
        rig.server('a').enqueue(new MockResponse().setBody(DONE));

        StepScope.enter("think", 7, () -> System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
        assertThat(rig.llm.chat("", "second")).isEqualTo("fine");

        assertThat(rig.calls().get(1).endpoint()).isEqualTo("a");
        assertThat(rig.calls().get(1).stepId()).isEqualTo("think");
        assertThat(rig.calls().get(1).tick()).isEqualTo(7);
        assertThat(rig.breakers.get("ollama:a:chat").state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void whenNoneIsReadyBeforeTheDeadlineTheCallFailsAtOnceSayingSo() throws Exception {
        rig(OllamaStrategy.ORDERED, openAfterOne(Duration.ofMinutes(5)), 1, 1);
        rig.breakers.get("ollama:a:chat").recordFailure();
        rig.breakers.get("ollama:b:chat").forceOpen();

        StepScope.enter("think", 1, () -> System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        LlmException e = catchThrowableOfType(() -> rig.llm.chat("", "think"), LlmException.class);

        assertThat(e).hasMessageStartingWith("every Ollama endpoint is cooling down: a cooling down (")
                .hasMessageContaining("b forced open")
                .hasMessageContaining("none is ready before the step's deadline in ");
        assertThat(e.refusedBy()).contains("ollama:a:chat,ollama:b:chat");
        assertThat(rig.calls().get(0).refused()).isTrue();
        assertThat(rig.server('a').getRequestCount() + rig.server('b').getRequestCount()).isZero();
    }

    @Test
    void theModeCountsThePoolDownOnlyWhenNoEndpointCanServe() throws Exception {
        rig(OllamaStrategy.LEAST_BUSY, openAfterOne(Duration.ofMinutes(5)), 1, 1);
        HealthMonitor monitor = new HealthMonitor(HealthSettings.defaults(), rig.breakers, rig.bus, TimeSource.system());
        monitor.addCondition(() -> rig.pool.cannotServe("llama3.2"));

        rig.breakers.get("ollama:a:chat").recordFailure();
        assertThat(monitor.mode()).as("b still serves").isEqualTo(SystemMode.NORMAL);

        rig.breakers.get("ollama:b:chat").forceOpen();
        assertThat(monitor.mode()).isEqualTo(SystemMode.DEGRADED);
        assertThat(monitor.reason()).startsWith("no Ollama endpoint can serve llama3.2: a (breaker open, ")
                .contains("b (forced open by you: set ollama:b:chat to Auto to recover)");

        rig.breakers.get("ollama:b:chat").release();
        assertThat(monitor.mode()).isEqualTo(SystemMode.RECOVERY);
    }

    @Test
    void aPoolOfOneKeepsTheSingleServersBreakerNames() throws Exception {
        rig(OllamaStrategy.LEAST_BUSY, openAfterOne(Duration.ofMinutes(1)), 1);
        rig.server('a').enqueue(new MockResponse().setBody(DONE));

        assertThat(rig.llm.chat("", "think")).isEqualTo("fine");

        assertThat(rig.breakers.names()).containsExactly("ollama:chat", "ollama:embed");
        assertThat(rig.pool.cannotServe("llama3.2")).isNull();
        assertThat(rig.calls().get(0).endpoint()).isEqualTo("a");
    }
}
