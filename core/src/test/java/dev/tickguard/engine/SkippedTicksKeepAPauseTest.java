package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.bus.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.health.HealthCheck;
import dev.tickguard.spi.Priority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 17.3): in EMERGENCY with {@code --interval 0}, skipped ticks came back to back
 * (372,000 in 20 s on a full disk). A skipped tick is followed by a pause of at least a second.
 */
class SkippedTicksKeepAPauseTest {
    @TempDir
    Path dir;

    @Test
    void skippedTicksDoNotComeBackToBack() throws Exception {
        HealthCheck fullDisk = HealthCheck.of("disk", true, () -> HealthCheck.Reading.failing("no space left"));
        EventBus bus = new EventBus();
        List<java.time.Instant> skippedAt = new CopyOnWriteArrayList<>();
        bus.subscribe("test", e -> {
            if (e instanceof TickEvent.TickSkipped s) {
                skippedAt.add(s.record().startedAt()); // when the tick started, not when the event arrived
            }
        });
        try (TickEngine engine = TickEngine.builder(Engines.config(dir).withTick(t -> t.withInterval(Duration.ZERO)))
                .bus(bus).withoutDefaultChecks().check(fullDisk).step(FakeStep.seq("monologue", Priority.CRITICAL, 1),
                        "test").build()) {
            engine.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> skippedAt.size() >= 2);
            engine.stop();
        }
        // However slow the machine, two skipped ticks are never closer than the pause.
        assertThat(Duration.between(skippedAt.get(0), skippedAt.get(1)).toNanos())
                .isGreaterThanOrEqualTo(TickSchedule.SKIPPED_PAUSE_NANOS * 9 / 10);
    }
}
