package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.health.HealthCheck;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, defect 11: the first tick waits (bounded) for the first health check run, so tick 1
 * with Ollama down is journaled DEGRADED, not NORMAL.
 */
class FirstTickWaitsForTheFirstHealthCheckTest {
    @TempDir
    Path dir;

    @Test
    void tickOneRunsInTheModeTheFirstChecksFound() throws Exception {
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        List<TickEvent> events = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus();
        bus.subscribe("test", events::add);
        try (TickEngine engine = TickEngine.builder(Engines.config(dir).withTick(t -> t.withInterval(Duration.ZERO))).bus(bus)
                .withoutDefaultChecks().step(mono, "test").check(new HealthCheck() {
                    @Override
                    public String name() {
                        return "ollama";
                    }

                    @Override
                    public boolean critical() {
                        return false;
                    }

                    @Override
                    public Reading check() throws Exception {
                        Thread.sleep(200); // a connect attempt that takes a moment
                        return Reading.failing("Ollama is not reachable");
                    }
                }).build()) {
            var done = engine.stopAfter(1);
            engine.start();
            done.get(30, TimeUnit.SECONDS);
            bus.drain(Duration.ofSeconds(10));
            TickEvent.TickFinished first = events.stream().filter(e -> e instanceof TickEvent.TickFinished)
                    .map(e -> (TickEvent.TickFinished) e).findFirst().orElseThrow();
            assertThat(first.record().mode()).isEqualTo(SystemMode.DEGRADED);
        } finally {
            bus.close();
        }
    }
}
