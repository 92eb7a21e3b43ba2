package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepPipelineTest {
    @TempDir
    Path dir;

    private static StepRecord step(TickRecord r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void successfulStepsFeedTheNextOneAndAreCounted() {
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        FakeStep goal = FakeStep.seq("goal_selection", Priority.CRITICAL, 2);
        goal.body = ctx -> FakeStep.text("saw " + ctx.output("monologue").map(JsonNode::asText).orElse("nothing"));
        FakeStep curiosity = FakeStep.par("curiosity", Priority.OPTIONAL);
        curiosity.body = ctx -> FakeStep.text("phase1 outputs: " + ctx.outputs().keySet());
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), mono, goal, curiosity)) {
            TickRecord r = engine.runTick();
            assertThat(r.steps()).extracting(StepRecord::outcome).containsOnly(StepOutcome.SUCCESS);
            assertThat(r.counts().critical()).isEqualTo(2);
            assertThat(r.counts().optional()).isEqualTo(1);
            assertThat(engine.cache().get("goal_selection").orElseThrow().value().asText()).isEqualTo("saw monologue-ok");
            assertThat(engine.cache().get("curiosity").orElseThrow().value().asText())
                    .isEqualTo("phase1 outputs: [monologue, goal_selection]");
        }
    }

    @Test
    void breakerOpensAfterThreeFailuresRefusesThenProbesAndCloses() {
        FakeStep s = FakeStep.seq("action", Priority.CRITICAL, 1).failing();
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), s)) {
            for (int i = 0; i < 3; i++) {
                StepRecord r = step(engine.runTick(), "action");
                assertThat(r.outcome()).isEqualTo(StepOutcome.FALLBACK);
                assertThat(r.cause()).isEqualTo(StepCause.ERROR);
                assertThat(r.error()).contains("action broke");
            }
            assertThat(engine.breakers().get("step:action").state()).isEqualTo(BreakerState.OPEN);

            StepRecord refused = step(engine.runTick(), "action");
            assertThat(refused.cause()).isEqualTo(StepCause.BREAKER_OPEN);
            assertThat(s.runs.get()).isEqualTo(3);

            s.body = ctx -> FakeStep.text("healed");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> engine.breakers().get("step:action").snapshot().readyToProbe());
            StepRecord probe = step(engine.runTick(), "action");
            assertThat(probe.outcome()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(engine.breakers().get("step:action").state()).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void failedProbeOpensTheBreakerAgain() {
        FakeStep s = FakeStep.seq("action", Priority.CRITICAL, 1).failing();
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), s)) {
            for (int i = 0; i < 3; i++) {
                engine.runTick();
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> engine.breakers().get("step:action").snapshot().readyToProbe());
            StepRecord probe = step(engine.runTick(), "action");
            assertThat(probe.cause()).isEqualTo(StepCause.ERROR);
            assertThat(engine.breakers().get("step:action").state()).isEqualTo(BreakerState.OPEN);
            assertThat(s.runs.get()).isEqualTo(4);
        }
    }

    @Test
    void hangingStepIsAbandonedAtItsDeadlineAndTheTickGoesOn() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        FakeStep hang = new FakeStep("goal_selection", Priority.CRITICAL, dev.tickguard.spi.Phase.SEQUENTIAL, 1,
                Duration.ofMillis(200));
        hang.body = ctx -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // deliberately deaf to interrupts
                }
            }
            returned.set(true);
            return FakeStep.text("late");
        };
        hang.fallback = (ctx, t) -> Optional.of(FakeStep.text("fallback goal"));
        FakeStep action = FakeStep.seq("action", Priority.CRITICAL, 2);
        action.body = ctx -> FakeStep.text("acting on " + ctx.output("goal_selection").orElseThrow().asText());
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), hang, action)) {
            TickRecord r = engine.runTick();
            // The tick finished while the step is still stuck: it was never waited for.
            assertThat(returned).isFalse();
            StepRecord g = step(r, "goal_selection");
            assertThat(g.cause()).isEqualTo(StepCause.TIMEOUT);
            assertThat(g.fallback()).isEqualTo(FallbackSource.CUSTOM);
            assertThat(g.abandoned()).isTrue();
            assertThat(g.timeoutMs()).isEqualTo(200);
            assertThat(engine.abandonedThreads().current()).isEqualTo(1);
            assertThat(engine.cache().get("action").orElseThrow().value().asText()).isEqualTo("acting on fallback goal");

            // While the first run is still hung, the step is not started again.
            StepRecord again = step(engine.runTick(), "goal_selection");
            assertThat(again.error()).contains("still hung");
            assertThat(hang.runs.get()).isEqualTo(1);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.abandonedThreads().current() == 0);
            assertThat(engine.abandonedThreads().total()).isEqualTo(1);
        }
    }

    @Test
    void nullResultIsAFailure() {
        FakeStep s = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        s.body = ctx -> null;
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), s)) {
            StepRecord r = step(engine.runTick(), "monologue");
            assertThat(r.outcome()).isEqualTo(StepOutcome.FALLBACK);
            assertThat(r.fallback()).isEqualTo(FallbackSource.DEFAULT);
            assertThat(r.error()).contains("returned no result");
        }
    }

    @Test
    void forcedOpenBreakerRefusesWithoutCallingAndStaysOpenUntilReleased() {
        FakeStep s = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), s)) {
            engine.breakers().get("step:monologue").forceOpen();
            StepRecord r = step(engine.runTick(), "monologue");
            assertThat(r.cause()).isEqualTo(StepCause.FORCED);
            assertThat(r.outcome()).isEqualTo(StepOutcome.FALLBACK);
            assertThat(s.runs.get()).isZero();
            // For longer than the breaker delay (300 ms): a forced state does not half-open by itself.
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                    .until(() -> engine.breakers().get("step:monologue").state() == BreakerState.FORCED_OPEN);
            assertThat(step(engine.runTick(), "monologue").cause()).isEqualTo(StepCause.FORCED);

            engine.breakers().get("step:monologue").release();
            assertThat(engine.breakers().get("step:monologue").state()).isEqualTo(BreakerState.CLOSED);
            assertThat(step(engine.runTick(), "monologue").outcome()).isEqualTo(StepOutcome.SUCCESS);
        }
    }
}
