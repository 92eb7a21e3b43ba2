package dev.tickguard.control.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickguard.bus.EventBus;
import dev.tickguard.chaos.Chaos;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.engine.StepFaults;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.ollama.FaultInjector;
import dev.tickguard.ollama.PoolFaults;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 4: {@code ollama-*} chaos for one endpoint reaches only its injector, the old forms
 * reach every endpoint, and an endpoint's own fault takes the place of the one for all.
 */
class ChaosPerEndpointReachesItsInjectorTest {
    private final EventBus bus = new EventBus();
    private final BreakerRegistry breakers = new BreakerRegistry(BreakerSettings.defaults(), bus, TimeSource.system());
    private final FaultInjector a = new FaultInjector();
    private final FaultInjector b = new FaultInjector();
    private final ActiveChaos chaos;

    ChaosPerEndpointReachesItsInjectorTest() {
        Map<String, FaultInjector> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        chaos = new ActiveChaos(breakers, new StepFaults(), PoolFaults.of(m), List::of, bus, TimeSource.system());
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void oneEndpointsFaultStaysOnIt() {
        chaos.add(Chaos.parse("ollama-down:a"));
        assertThat(a.describe()).isEqualTo("down");
        assertThat(b.describe()).isEqualTo("none");

        chaos.remove("ollama-down:a");
        assertThat(a.describe()).isEqualTo("none");
    }

    @Test
    void theOldFormHitsEveryEndpointAndAnEndpointsOwnTakesItsPlace() {
        chaos.add(Chaos.parse("ollama-latency:300"));
        chaos.add(Chaos.parse("ollama-latency:b=50"));
        assertThat(a.describe()).isEqualTo("latency 300ms");
        assertThat(b.describe()).isEqualTo("latency 50ms");

        chaos.add(Chaos.parse("ollama-down"));
        chaos.add(Chaos.parse("ollama-down:a"));
        chaos.remove("ollama-down");
        assertThat(a.describe()).as("its own ollama-down:a is still on").startsWith("down");
        assertThat(b.describe()).isEqualTo("latency 50ms");

        chaos.remove("ollama-latency:b");
        assertThat(b.describe()).isEqualTo("latency 300ms");

        chaos.clear();
        assertThat(a.describe()).isEqualTo("none");
        assertThat(b.describe()).isEqualTo("none");
    }

    @Test
    void anUnknownEndpointIsRefusedNamingTheEndpoints() {
        assertThatThrownBy(() -> chaos.add(Chaos.parse("ollama-busy-rate:c=0.5")))
                .hasMessage("no Ollama endpoint named 'c'; endpoints: a, b");
        assertThat(chaos.list()).isEmpty();
    }

    @Test
    void anEndpointsBreakerIsForcedLikeAnyOther() {
        breakers.get("ollama:a:chat");
        chaos.setBreakerMode("ollama:a:chat", BreakerMode.FORCE_OPEN);
        assertThat(breakers.get("ollama:a:chat").state()).isEqualTo(BreakerState.FORCED_OPEN);
        chaos.setBreakerMode("ollama:a:chat", BreakerMode.AUTO);
        assertThat(breakers.get("ollama:a:chat").state()).isEqualTo(BreakerState.CLOSED);
    }
}
