package dev.tickguard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, defect 9 (and the trial's reason from defect 11): a breaker that is only trying
 * (HALF_OPEN) is not healthy, so failed trials never flap the mode DEGRADED -> RECOVERY ->
 * DEGRADED; a failed trial says "trial call failed"; RECOVERY starts when a trial succeeds.
 */
class ModeDoesNotFlapOnBreakerTrialsTest {
    @Test
    void failedTrialsKeepTheSystemDegradedAndASuccessfulOneStartsRecovery() {
        EventBus bus = new EventBus();
        List<TickEvent> events = new CopyOnWriteArrayList<>();
        bus.subscribe("test", events::add);
        BreakerRegistry breakers = new BreakerRegistry(new BreakerSettings(3, Duration.ofMillis(50), 1), bus,
                TimeSource.system());
        try (HealthMonitor monitor = new HealthMonitor(HealthSettings.defaults(), breakers, bus, TimeSource.system())) {
            Breaker b = breakers.get("step:monologue");
            for (int i = 0; i < 3; i++) {
                assertThat(b.tryAcquirePermit()).isTrue();
                b.recordFailure();
            }
            assertThat(monitor.mode()).isEqualTo(SystemMode.DEGRADED);
            for (int trial = 0; trial < 3; trial++) {
                await().atMost(Duration.ofSeconds(10)).until(() -> b.snapshot().readyToProbe());
                assertThat(b.tryAcquirePermit()).isTrue();
                assertThat(b.state()).isEqualTo(BreakerState.HALF_OPEN);
                assertThat(monitor.mode()).isEqualTo(SystemMode.DEGRADED);
                b.recordFailure();
                assertThat(b.state()).isEqualTo(BreakerState.OPEN);
            }
            bus.drain(Duration.ofSeconds(10));
            assertThat(events).filteredOn(e -> e instanceof TickEvent.ModeChanged)
                    .extracting(e -> ((TickEvent.ModeChanged) e).to()).containsExactly(SystemMode.DEGRADED);
            assertThat(events).filteredOn(e -> e instanceof TickEvent.BreakerChanged c && c.to() == BreakerState.OPEN)
                    .extracting(e -> ((TickEvent.BreakerChanged) e).reason())
                    .containsExactly("3 failures in a row", "trial call failed", "trial call failed",
                            "trial call failed");

            await().atMost(Duration.ofSeconds(10)).until(() -> b.snapshot().readyToProbe());
            assertThat(b.tryAcquirePermit()).isTrue();
            b.recordSuccess();
            assertThat(b.state()).isEqualTo(BreakerState.CLOSED);
            assertThat(monitor.mode()).isEqualTo(SystemMode.RECOVERY);
        } finally {
            bus.close();
        }
    }
}
