package dev.tickguard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.ControlFixture.TestStep;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickEvent.ChaosChanged.Action;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults added, changed and removed through the control API while the engine runs take effect from the next tick. */
class ChaosAtRunTimeTest {
    @TempDir
    Path dir;

    private static StepRecord step(TickRecord r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void addedFailureChangesTheNextTickAndRemovingItHeals() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), TestStep.seq("a", 1))) {
            assertThat(step(f.engine.runTick(), "a").outcome()).isEqualTo(StepOutcome.SUCCESS);
            f.control.addChaos(Chaos.parse("fail:a"));
            StepRecord failed = step(f.engine.runTick(), "a");
            assertThat(failed.outcome()).isEqualTo(StepOutcome.FALLBACK);
            assertThat(failed.error()).contains("chaos: step 'a' made to fail");
            assertThat(f.control.removeChaos("fail:a")).isTrue();
            assertThat(step(f.engine.runTick(), "a").outcome()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(f.control.removeChaos("fail:a")).isFalse();
        }
    }

    @Test
    void everyNthTriggerAndChangeApplyFromTheNextCall() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), TestStep.seq("a", 1))) {
            f.control.addChaos(Chaos.parse("fail:a,every=2"));
            List<StepOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outcomes.add(step(f.engine.runTick(), "a").outcome());
            }
            assertThat(outcomes).containsExactly(StepOutcome.SUCCESS, StepOutcome.FALLBACK, StepOutcome.SUCCESS,
                    StepOutcome.FALLBACK);
            f.control.changeChaos(Chaos.parse("fail:a"));
            assertThat(step(f.engine.runTick(), "a").outcome()).isEqualTo(StepOutcome.FALLBACK);
            assertThat(f.control.chaos()).containsExactly(Chaos.parse("fail:a"));
        }
    }

    @Test
    void removingAHangReleasesTheThreadItHolds() throws Exception {
        TestStep hung = new TestStep("b", Priority.OPTIONAL, Phase.PARALLEL, 0, Duration.ofMillis(200));
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), TestStep.seq("a", 1), hung)) {
            f.control.addChaos(Chaos.parse("hang:b"));
            StepRecord r = step(f.engine.runTick(), "b");
            assertThat(r.cause()).isEqualTo(StepCause.TIMEOUT);
            assertThat(r.abandoned()).isTrue();
            assertThat(f.control.engine().abandonedThreads()).isEqualTo(1);
            assertThat(hung.runs).hasValue(0);

            f.control.removeChaos("hang:b");
            await().atMost(10, TimeUnit.SECONDS).until(() -> f.control.engine().abandonedThreads() == 0);
            assertThat(step(f.engine.runTick(), "b").outcome()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(hung.runs.get()).isPositive();
        }
    }

    @Test
    void clearAllReleasesHangsAndPublishesEveryChange() throws Exception {
        TestStep hung = new TestStep("b", Priority.OPTIONAL, Phase.PARALLEL, 0, Duration.ofMillis(200));
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), TestStep.seq("a", 1), hung)) {
            f.control.addChaos(Chaos.parse("hang:b"));
            f.control.addChaos(Chaos.parse("slow:a=1"));
            f.control.addChaos(Chaos.parse("ollama-busy-rate:0.5"));
            f.control.setBreakerMode("step:a", BreakerMode.FORCE_OPEN);
            assertThat(f.llmFaults.describe()).contains("busy rate 0.5");
            assertThat(f.control.chaos()).extracting(Chaos::toString)
                    .containsExactly("hang:b", "slow:a=1", "ollama-busy-rate:0.5", "force-open:step:a");
            f.engine.runTick();
            assertThat(f.control.engine().abandonedThreads()).isEqualTo(1);

            f.control.clearChaos();
            await().atMost(10, TimeUnit.SECONDS).until(() -> f.control.engine().abandonedThreads() == 0);
            assertThat(f.control.chaos()).isEmpty();
            assertThat(f.llmFaults.describe()).isEqualTo("none");
            assertThat(f.control.breaker("step:a").orElseThrow().mode()).isEqualTo(BreakerMode.AUTO);
            TickRecord healed = f.engine.runTick();
            assertThat(healed.steps()).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(StepOutcome.SUCCESS));

            await().until(() -> f.control.histories().chaosChanges().size() == 5);
            assertThat(f.control.histories().chaosChanges()).extracting(s -> s.event().action())
                    .containsExactly(Action.ADDED, Action.ADDED, Action.ADDED, Action.ADDED, Action.CLEARED);
            TickEvent.ChaosChanged last = f.control.histories().chaosChanges().get(4).event();
            assertThat(last.active()).isEmpty();
        }
    }

    @Test
    void unknownTargetsAndDuplicatesAreRefusedWithTheirName() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofSeconds(60), TestStep.seq("a", 1))) {
            assertThatThrownBy(() -> f.control.addChaos(Chaos.parse("fail:nosuch")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("no step named 'nosuch'; steps: a");
            f.control.addChaos(Chaos.parse("slow:a=5"));
            assertThatThrownBy(() -> f.control.addChaos(Chaos.parse("slow:a=10")))
                    .hasMessageContaining("slow:a is already active");
            assertThatThrownBy(() -> f.control.changeChaos(Chaos.parse("fail:a"))).hasMessageContaining("fail:a is not active");
            assertThat(f.control.chaos()).containsExactly(Chaos.parse("slow:a=5"));
        }
    }
}
