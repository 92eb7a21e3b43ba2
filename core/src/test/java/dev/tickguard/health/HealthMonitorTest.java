package dev.tickguard.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {
    final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    final EventBus bus = new EventBus();
    final BreakerRegistry breakers = new BreakerRegistry(BreakerSettings.defaults(), bus, time);
    final HealthMonitor monitor = new HealthMonitor(HealthSettings.defaults(), breakers, bus, time);

    @AfterEach
    void close() {
        monitor.close();
        bus.close();
    }

    static HealthCheck check(String name, boolean critical, AtomicBoolean healthy) {
        return HealthCheck.of(name, critical, () -> healthy.get() ? HealthCheck.Reading.ok(name + " fine")
                : HealthCheck.Reading.failing(name + " down"));
    }

    @Test
    void openBreakerDegradesAtOnceAndRecoveryNeedsTwoHealthyChecks() {
        monitor.runChecks();
        assertThat(monitor.mode()).isEqualTo(SystemMode.NORMAL);
        breakers.get("ollama:chat").forceOpen();
        assertThat(monitor.mode()).isEqualTo(SystemMode.DEGRADED);
        assertThat(monitor.reason()).contains("ollama:chat");
        breakers.get("ollama:chat").release();
        assertThat(monitor.mode()).isEqualTo(SystemMode.RECOVERY);
        monitor.runChecks();
        assertThat(monitor.mode()).isEqualTo(SystemMode.RECOVERY);
        monitor.runChecks();
        assertThat(monitor.mode()).isEqualTo(SystemMode.NORMAL);
    }

    @Test
    void failingCheckDegradesAndCriticalCheckMeansEmergency() {
        AtomicBoolean llm = new AtomicBoolean(false);
        AtomicBoolean disk = new AtomicBoolean(true);
        monitor.addCheck(check("llm", false, llm));
        monitor.addCheck(check("disk", true, disk));
        monitor.runChecks();
        assertThat(monitor.mode()).isEqualTo(SystemMode.DEGRADED);
        disk.set(false);
        monitor.runChecks();
        assertThat(monitor.mode()).isEqualTo(SystemMode.EMERGENCY);
        assertThat(monitor.reason()).contains("disk down");
        disk.set(true);
        llm.set(true);
        monitor.runChecks();
        assertThat(monitor.mode()).isEqualTo(SystemMode.RECOVERY);
        llm.set(false);
        monitor.runChecks();
        assertThat(monitor.mode()).isEqualTo(SystemMode.DEGRADED);
    }

    @Test
    void heapAboveLimitIsCritical() {
        AtomicLong used = new AtomicLong(50);
        monitor.addCheck(new HeapCheck(95, used::get, () -> 100));
        monitor.runChecks();
        assertThat(monitor.mode()).isEqualTo(SystemMode.NORMAL);
        used.set(97);
        monitor.runChecks();
        assertThat(monitor.mode()).isEqualTo(SystemMode.EMERGENCY);
        assertThat(monitor.reason()).contains("heap 97%");
    }

    @Test
    void slowLlmDegrades() {
        monitor.reportLlmLatency(Duration.ofSeconds(16));
        assertThat(monitor.mode()).isEqualTo(SystemMode.DEGRADED);
        assertThat(monitor.reason()).contains("its last answer took 16000 ms");
        monitor.reportLlmLatency(Duration.ofMillis(800));
        assertThat(monitor.mode()).isEqualTo(SystemMode.RECOVERY);
    }

    @Test
    void criticalStepsFallingBackThreeTicksInARowMeansEmergencyThenProbation() {
        monitor.onTick(tick(1, true));
        monitor.onTick(tick(2, true));
        assertThat(monitor.mode()).isEqualTo(SystemMode.NORMAL);
        monitor.onTick(tick(3, true));
        assertThat(monitor.mode()).isEqualTo(SystemMode.EMERGENCY);
        assertThat(monitor.reason()).contains("every critical step fell back for 3 ticks");
        monitor.runChecks(); // checks healthy: the latch clears
        assertThat(monitor.mode()).isEqualTo(SystemMode.RECOVERY);
        monitor.onTick(tick(4, true)); // on probation: one more all-fallback tick is enough
        assertThat(monitor.mode()).isEqualTo(SystemMode.EMERGENCY);
        monitor.runChecks();
        monitor.onTick(tick(5, false));
        monitor.runChecks();
        monitor.runChecks();
        assertThat(monitor.mode()).isEqualTo(SystemMode.NORMAL);
    }

    /** Regression (hostile pass 2, D8): the EMERGENCY reason did not say which step (and so which plugin) caused it. */
    @Test
    void theCriticalFallbackEmergencyNamesItsStepsAndWhichHadNoResultAtAll() {
        StepRecord none = new StepRecord("weather_watch", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 1, 30_000,
                StepOutcome.FAILED, StepCause.ERROR, null, "IllegalStateException: boom", false);
        StepRecord fell = tick(1, true).steps().get(0);
        for (long n = 1; n <= 3; n++) {
            monitor.onTick(new TickRecord(n, time.now(), 1, SystemMode.NORMAL, false, null, null,
                    TickCounts.of(List.of(fell, none)), Map.of(), List.of(fell, none), 0));
        }
        assertThat(monitor.mode()).isEqualTo(SystemMode.EMERGENCY);
        assertThat(monitor.reason()).contains("every critical step fell back for 3 ticks in a row")
                .contains("step 'monologue' fallback (error)")
                .contains("step 'weather_watch' failed (error), no result at all");
    }

    @Test
    void aThrowingCheckCountsAsUnhealthy() {
        monitor.addCheck(new HealthCheck() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public boolean critical() {
                return false;
            }

            @Override
            public Reading check() {
                throw new IllegalStateException("boom");
            }
        });
        assertThat(monitor.runChecks().get(0).detail()).contains("boom");
        assertThat(monitor.mode()).isEqualTo(SystemMode.DEGRADED);
    }

    private TickRecord tick(long n, boolean allFallback) {
        StepRecord s = new StepRecord("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 1, 30_000,
                allFallback ? StepOutcome.FALLBACK : StepOutcome.SUCCESS, allFallback ? StepCause.ERROR : null,
                allFallback ? FallbackSource.DEFAULT : null, null, false);
        return new TickRecord(n, time.now(), 1, SystemMode.NORMAL, false, null, null, TickCounts.of(List.of(s)),
                Map.of("step:monologue", BreakerState.CLOSED), List.of(s), 0);
    }
}
