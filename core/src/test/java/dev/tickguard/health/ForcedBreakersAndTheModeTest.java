package dev.tickguard.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.ManualTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Regression (hostile pass): forcing a breaker closed made the system DEGRADED ("breaker ollama:chat
 * forced_closed open"); forcing it open read "forced_open open". Forced closed lets every call
 * through and degrades nothing; forced open says who did it and how to undo it.
 */
class ForcedBreakersAndTheModeTest {
    @Test
    void forcedClosedIsHealthyAndForcedOpenSaysHowToRecover() {
        ManualTime time = new ManualTime(Instant.EPOCH);
        EventBus bus = new EventBus();
        BreakerRegistry breakers = new BreakerRegistry(BreakerSettings.defaults(), bus, time);
        try (HealthMonitor health = new HealthMonitor(HealthSettings.defaults(), breakers, bus, time)) {
            breakers.get("ollama:chat").forceClosed();
            assertThat(health.mode()).isEqualTo(SystemMode.NORMAL);

            breakers.get("ollama:chat").forceOpen();
            assertThat(health.mode()).isEqualTo(SystemMode.DEGRADED);
            assertThat(health.reason()).isEqualTo(
                    "ollama:chat is forced open by you: set it to Auto to recover");
        } finally {
            bus.close();
        }
    }

    /**
     * Regression (issue 18.2): a second cause in the same mode was not published, so the window kept
     * showing only the first ("forced open") while a step breaker was open too.
     */
    @Test
    void aNewCauseInTheSameModeIsPublished() {
        ManualTime time = new ManualTime(Instant.EPOCH);
        EventBus bus = new EventBus();
        java.util.List<dev.tickguard.events.TickEvent.ModeChanged> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        bus.subscribe("test", e -> {
            if (e instanceof dev.tickguard.events.TickEvent.ModeChanged m) {
                changes.add(m);
            }
        });
        BreakerRegistry breakers = new BreakerRegistry(BreakerSettings.defaults(), bus, time);
        try (HealthMonitor health = new HealthMonitor(HealthSettings.defaults(), breakers, bus, time)) {
            breakers.get("ollama:chat").forceOpen();
            var step = breakers.get("step:goal_selection");
            for (int i = 0; i < 3; i++) {
                step.tryAcquirePermit();
                step.recordFailure();
            }
            assertThat(health.reason()).isEqualTo("ollama:chat is forced open by you: set it to Auto to recover; "
                    + "step goal_selection keeps failing: it uses its fallback (its errors are on the timeline)");
            bus.drain(java.time.Duration.ofSeconds(10));
            assertThat(changes).hasSize(2);
            assertThat(changes.get(1).from()).isEqualTo(SystemMode.DEGRADED);
            assertThat(changes.get(1).to()).isEqualTo(SystemMode.DEGRADED);
            assertThat(changes.get(1).reason()).isEqualTo(health.reason());
        } finally {
            bus.close();
        }
    }
}
