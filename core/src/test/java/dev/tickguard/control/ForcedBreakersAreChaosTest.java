package dev.tickguard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.ControlFixture.TestStep;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.TickEvent.ChaosChanged.Action;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: one model of what the user forced. A forced breaker, open or closed, is an active chaos
 * entry; setting the breaker's mode and adding or removing the entry are two ways through the same
 * door, and each shows in the other.
 */
class ForcedBreakersAreChaosTest {
    @TempDir
    Path dir;

    private static BreakerMode mode(ControlFixture f) {
        return f.control.breaker("step:flaky").orElseThrow().mode();
    }

    @Test
    void forcingClosedShowsAsChaosAndAutoRemovesIt() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), TestStep.seq("flaky", 1))) {
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_CLOSED);
            assertThat(f.control.chaos()).containsExactly(Chaos.forceClosed("step:flaky"));
            assertThat(f.control.chaos().get(0).toString()).isEqualTo("force-closed:step:flaky");

            f.control.setBreakerMode("step:flaky", BreakerMode.AUTO);
            assertThat(f.control.chaos()).isEmpty();
            assertThat(mode(f)).isEqualTo(BreakerMode.AUTO);

            await().until(() -> f.control.histories().chaosChanges().size() == 2);
            assertThat(f.control.histories().chaosChanges()).extracting(s -> s.event().action())
                    .containsExactly(Action.ADDED, Action.REMOVED);
            assertThat(f.control.histories().chaosChanges().get(0).event().chaos())
                    .isEqualTo(Chaos.forceClosed("step:flaky"));
        }
    }

    @Test
    void addingAForceSetsTheModeAndRemovingItReleasesTheBreaker() throws Exception {
        TestStep step = TestStep.seq("flaky", 1);
        step.failing = true;
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), step)) {
            f.control.addChaos(Chaos.parse("force-closed:step:flaky"));
            assertThat(mode(f)).isEqualTo(BreakerMode.FORCE_CLOSED);
            for (int i = 0; i < 3; i++) {
                f.engine.runTick(); // fails, but nothing counts while forced closed
            }
            assertThat(f.control.breaker("step:flaky").orElseThrow().state()).isEqualTo(BreakerState.FORCED_CLOSED);

            assertThat(f.control.removeChaos("force-closed:step:flaky")).isTrue();
            assertThat(mode(f)).isEqualTo(BreakerMode.AUTO);
            assertThat(f.control.breaker("step:flaky").orElseThrow().state()).isEqualTo(BreakerState.CLOSED);
            f.engine.runTick();
            f.engine.runTick(); // back to auto: two failures open it
            assertThat(f.control.breaker("step:flaky").orElseThrow().state()).isEqualTo(BreakerState.OPEN);

            f.control.addChaos(Chaos.forceOpen("step:flaky"));
            assertThat(mode(f)).isEqualTo(BreakerMode.FORCE_OPEN);
            assertThat(f.control.removeChaos("force-open:step:flaky")).isTrue();
            assertThat(mode(f)).isEqualTo(BreakerMode.AUTO);
        }
    }

    @Test
    void aBreakerIsForcedOneWayAtMost() throws Exception {
        TestStep step = TestStep.seq("flaky", 1);
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), step)) {
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_OPEN);
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_CLOSED);
            assertThat(f.control.chaos()).containsExactly(Chaos.forceClosed("step:flaky"));
            assertThat(mode(f)).isEqualTo(BreakerMode.FORCE_CLOSED);

            // The other door: adding the opposite force replaces this one.
            f.control.addChaos(Chaos.forceOpen("step:flaky"));
            assertThat(f.control.chaos()).containsExactly(Chaos.forceOpen("step:flaky"));
            assertThat(mode(f)).isEqualTo(BreakerMode.FORCE_OPEN);
            assertThat(f.engine.runTick().steps().get(0).outcome()).isEqualTo(StepOutcome.FALLBACK);
            assertThat(step.runs).hasValue(0);

            // Setting the mode it has is no change: no second entry, no event (the next event is the next change).
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_OPEN);
            assertThat(f.control.chaos()).containsExactly(Chaos.forceOpen("step:flaky"));
            f.control.addChaos(Chaos.stepFail("flaky", Chaos.Trigger.ALWAYS));
            await().until(() -> f.control.histories().chaosChanges().size() == 6);
            assertThat(f.control.histories().chaosChanges()).extracting(s -> s.event().action() + " " + s.event().chaos())
                    .containsExactly("ADDED force-open:step:flaky", "REMOVED force-open:step:flaky",
                            "ADDED force-closed:step:flaky", "REMOVED force-closed:step:flaky",
                            "ADDED force-open:step:flaky", "ADDED fail:flaky");
        }
    }

    @Test
    void clearingChaosReleasesABreakerForcedClosed() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), TestStep.seq("flaky", 1))) {
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_CLOSED);
            f.control.clearChaos();
            assertThat(f.control.chaos()).isEmpty();
            assertThat(mode(f)).isEqualTo(BreakerMode.AUTO);
        }
    }

    @Test
    void anUnknownBreakerIsRefusedAndNothingChanges() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), TestStep.seq("flaky", 1))) {
            f.control.setBreakerMode("step:flaky", BreakerMode.FORCE_OPEN);
            assertThatThrownBy(() -> f.control.addChaos(Chaos.forceClosed("step:nope")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no breaker named 'step:nope'");
            assertThat(f.control.chaos()).containsExactly(Chaos.forceOpen("step:flaky"));
        }
    }
}
