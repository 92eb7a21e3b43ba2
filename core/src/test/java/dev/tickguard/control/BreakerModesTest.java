package dev.tickguard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.ControlFixture.TestStep;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auto, force open and force closed, through the control API only (the breaker opens after 2 failures). */
class BreakerModesTest {
    @TempDir
    Path dir;

    private static StepRecord flaky(TickRecord r) {
        return r.steps().stream().filter(s -> s.id().equals("flaky")).findFirst().orElseThrow();
    }

    @Test
    void forceClosedLetsEveryCallThroughAndCountsNothing() throws Exception {
        TestStep step = TestStep.seq("flaky", 1);
        step.failing = true;
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), step)) {
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_CLOSED);
            for (int i = 0; i < 5; i++) {
                StepRecord r = flaky(f.engine.runTick());
                assertThat(r.outcome()).isEqualTo(StepOutcome.FALLBACK);
                assertThat(r.cause()).isEqualTo(StepCause.ERROR);
            }
            assertThat(step.runs).hasValue(5);
            BreakerStatus b = f.control.breaker("step:flaky").orElseThrow();
            assertThat(b.state()).isEqualTo(BreakerState.FORCED_CLOSED);
            assertThat(b.mode()).isEqualTo(BreakerMode.FORCE_CLOSED);
            assertThat(b.circuit()).isEqualTo(BreakerState.CLOSED);
            assertThat(b.consecutiveFailures()).isZero();

            // Back to auto: it starts counting from zero, so two more failures open it.
            f.control.setBreakerMode("step:flaky", BreakerMode.AUTO);
            f.engine.runTick();
            assertThat(f.control.breaker("step:flaky").orElseThrow().state()).isEqualTo(BreakerState.CLOSED);
            f.engine.runTick();
            assertThat(f.control.breaker("step:flaky").orElseThrow().state()).isEqualTo(BreakerState.OPEN);
        }
    }

    @Test
    void autoOpensAfterFailuresAndThenRefuses() throws Exception {
        TestStep step = TestStep.seq("flaky", 1);
        step.failing = true;
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), step)) {
            f.engine.runTick();
            f.engine.runTick();
            BreakerStatus open = f.control.breaker("step:flaky").orElseThrow();
            assertThat(open.state()).isEqualTo(BreakerState.OPEN);
            assertThat(open.mode()).isEqualTo(BreakerMode.AUTO);
            assertThat(open.untilHalfOpen()).isPositive();
            assertThat(open.readyToProbe()).isFalse();

            StepRecord refused = flaky(f.engine.runTick());
            assertThat(refused.cause()).isEqualTo(StepCause.BREAKER_OPEN);
            assertThat(step.runs).hasValue(2);

            // Forced closed overrides an open breaker: the step runs again, and the breaker stays open underneath.
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_CLOSED);
            step.failing = false;
            assertThat(flaky(f.engine.runTick()).outcome()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(step.runs).hasValue(3);
            assertThat(f.control.breaker("step:flaky").orElseThrow().circuit()).isEqualTo(BreakerState.OPEN);
        }
    }

    @Test
    void forceOpenRefusesAHealthyStepUntilReleased() throws Exception {
        TestStep step = TestStep.seq("flaky", 1);
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), step)) {
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_OPEN);
            for (int i = 0; i < 3; i++) {
                StepRecord r = flaky(f.engine.runTick());
                assertThat(r.cause()).isEqualTo(StepCause.FORCED);
                assertThat(r.outcome()).isEqualTo(StepOutcome.FALLBACK);
            }
            assertThat(step.runs).hasValue(0);
            assertThat(f.control.chaos()).containsExactly(Chaos.forceOpen("step:flaky"));

            f.control.setBreakerMode("step:flaky", BreakerMode.AUTO);
            assertThat(flaky(f.engine.runTick()).outcome()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(f.control.chaos()).isEmpty();
            assertThat(f.control.breaker("step:flaky").orElseThrow().state()).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void modeChangesArePublishedAndUnknownBreakersRefused() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), TestStep.seq("flaky", 1))) {
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_OPEN);
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_CLOSED);
            f.control.setBreakerMode("step:flaky", BreakerMode.AUTO);
            org.awaitility.Awaitility.await().until(() -> f.control.histories().breakerTransitions().size() >= 4);
            assertThat(f.control.histories().breakerTransitions()).extracting(s -> s.event().to()).containsExactly(
                    BreakerState.FORCED_OPEN, BreakerState.CLOSED, BreakerState.FORCED_CLOSED, BreakerState.CLOSED);
            assertThatThrownBy(() -> f.control.setBreakerMode("step:nope", BreakerMode.FORCE_OPEN))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no breaker named 'step:nope'");
        }
    }
}
