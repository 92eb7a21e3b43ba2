package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.config.TickguardConfig;
import dev.tickguard.control.BreakerStatus;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 18.1), headless with the simulator: forcing ollama:chat open opened ten step
 * breakers with it, and after Auto no tick was fully successful for a minute. Now the steps record
 * {@code dependency_open}, no step breaker opens, and after Auto the next tick is fully successful
 * and the mode goes back to NORMAL through RECOVERY.
 */
class ForcedLlmBreakerDoesNotCascadeTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void forceOpenThenAutoRecoversInOneTick() throws Exception {
        Path config = Files.writeString(dir.resolve("roomy.yaml"),
                "budgets: {critical_sec: 120, important_sec: 60, optional_sec: 60}\n");
        RunOptions cli = RunOptions.parse(new String[]{"--headless", "--simulator", "--interval", "3600", "--data",
                dir.resolve("data").toString(), "--config", config.toString()});
        TickguardConfig cfg = TickguardRuntime.configFrom(cli);
        List<TickRecord> ticks = new CopyOnWriteArrayList<>();
        List<SystemMode> modes = new CopyOnWriteArrayList<>();
        try (TickguardRuntime rt = TickguardRuntime.create(cfg, cli)) {
            rt.bus.subscribe("test", e -> {
                if (e instanceof TickEvent.TickFinished f) {
                    ticks.add(f.record());
                } else if (e instanceof TickEvent.ModeChanged m) {
                    modes.add(m.to());
                }
            });
            rt.control.setBreakerMode("ollama:chat", BreakerMode.FORCE_OPEN);
            rt.control.start();
            for (int n = 1; n <= 4; n++) {
                int want = n;
                await().atMost(WAIT).until(() -> ticks.size() >= want);
                rt.control.runNow();
            }
            await().atMost(WAIT).until(() -> ticks.size() >= 5);
            assertThat(ticks.get(4).steps()).anyMatch(s -> s.cause() == StepCause.DEPENDENCY_OPEN);
            assertThat(rt.control.breakers()).filteredOn(b -> b.name().startsWith("step:"))
                    .extracting(BreakerStatus::state).containsOnly(BreakerState.CLOSED);
            assertThat(rt.control.engine().mode()).isEqualTo(SystemMode.DEGRADED);

            rt.control.setBreakerMode("ollama:chat", BreakerMode.AUTO);
            rt.control.runNow();
            await().atMost(WAIT).until(() -> ticks.size() >= 6);
            assertThat(ticks.get(5).steps()).allMatch(s -> s.outcome() == StepOutcome.SUCCESS, "every step succeeds");
            await().atMost(WAIT).until(() -> rt.control.engine().mode() == SystemMode.NORMAL);
            assertThat(modes).containsSubsequence(SystemMode.DEGRADED, SystemMode.RECOVERY, SystemMode.NORMAL);
        }
    }
}
