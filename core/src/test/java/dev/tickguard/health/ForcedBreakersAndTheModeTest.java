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
}
