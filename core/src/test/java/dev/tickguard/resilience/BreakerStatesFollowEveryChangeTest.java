package dev.tickguard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.events.BreakerState;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link BreakerRegistry#states()} is cached between changes: every kind of change must show. */
class BreakerStatesFollowEveryChangeTest {
    @Test
    void statesShowNewBreakersForcingReleasingTrippingAndResetting() {
        try (EventBus bus = new EventBus()) {
            BreakerRegistry registry = new BreakerRegistry(new BreakerSettings(2, Duration.ofMinutes(5), 1), bus,
                    TimeSource.system());
            Breaker b = registry.get("step:b");
            assertThat(registry.states()).containsExactly(java.util.Map.entry("step:b", BreakerState.CLOSED));
            assertThat(registry.states()).isSameAs(registry.states());

            registry.get("step:a");
            assertThat(registry.states().keySet()).containsExactly("step:a", "step:b");

            b.forceOpen();
            assertThat(registry.states().get("step:b")).isEqualTo(BreakerState.FORCED_OPEN);
            b.release();
            assertThat(registry.states().get("step:b")).isEqualTo(BreakerState.CLOSED);

            for (int i = 0; i < 2; i++) {
                assertThat(b.tryAcquirePermit()).isTrue();
                b.recordFailure();
            }
            assertThat(registry.states().get("step:b")).isEqualTo(BreakerState.OPEN);
            b.reset();
            assertThat(registry.states().get("step:b")).isEqualTo(BreakerState.CLOSED);
        }
    }
}
