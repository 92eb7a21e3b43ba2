package dev.tickguard.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 17.7): after Ollama came back, DEGRADED lasted until the next scheduled check
 * run (up to 30 s) although calls were answered. An answer while a non-critical check is failing
 * runs the checks again at once (at most once per 5 s), so recovery starts within the tick.
 */
class AnAnswerAfterAFailedCheckLooksAgainTest {
    @Test
    void anLlmAnswerWhileTheOllamaCheckFailsRunsTheChecksAgainEarly() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        HealthCheck ollama = HealthCheck.of("ollama", false,
                () -> up.get() ? HealthCheck.Reading.ok("answers") : HealthCheck.Reading.failing("no answer"));
        ManualTime time = new ManualTime(Instant.EPOCH);
        EventBus bus = new EventBus();
        HealthSettings hourly = new HealthSettings(Duration.ofHours(1), Duration.ofSeconds(15), 95, 0, 2, 2, 3);
        try (HealthMonitor health = new HealthMonitor(hourly, new BreakerRegistry(BreakerSettings.defaults(), bus, time),
                bus, time)) {
            health.addCheck(ollama);
            health.start();
            assertThat(health.awaitFirstCheck(Duration.ofSeconds(30))).isTrue();
            assertThat(health.mode()).isEqualTo(SystemMode.DEGRADED);

            up.set(true);
            health.reportLlmLatency(Duration.ofMillis(40)); // within 5 s of the last run: no early run yet
            time.advance(Duration.ofSeconds(6));
            health.reportLlmLatency(Duration.ofMillis(40));

            await().atMost(Duration.ofSeconds(30)).until(() -> health.mode() == SystemMode.RECOVERY);
        } finally {
            bus.close();
        }
    }
}
