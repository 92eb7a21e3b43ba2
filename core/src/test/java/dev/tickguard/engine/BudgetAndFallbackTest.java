package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.config.TickguardConfig;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.ManualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets, the tick limit and the fallback chain, on a manual clock: steps "take" time by advancing it. */
class BudgetAndFallbackTest {
    @TempDir
    Path dir;
    final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));

    private static StepRecord step(TickRecord r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private FakeStep taking(FakeStep s, Duration d) {
        s.body = ctx -> {
            time.advance(d);
            return FakeStep.text(s.id + "-ok");
        };
        return s;
    }

    @Test
    void optionalStepsAreSkippedOnceTheOptionalBudgetIsSpent() {
        FakeStep critical = taking(FakeStep.seq("monologue", Priority.CRITICAL, 1), Duration.ofSeconds(1));
        FakeStep opt1 = taking(FakeStep.seq("time_perception", Priority.OPTIONAL, 2), Duration.ofSeconds(3));
        FakeStep curiosity = FakeStep.par("curiosity", Priority.OPTIONAL);
        FakeStep beliefs = FakeStep.par("belief_system", Priority.IMPORTANT);
        try (TickEngine engine = Engines.engine(Engines.config(dir), time, critical, opt1, curiosity, beliefs)) {
            TickRecord r = engine.runTick();
            StepRecord c = step(r, "curiosity");
            assertThat(c.outcome()).isEqualTo(StepOutcome.SKIPPED);
            assertThat(c.cause()).isEqualTo(StepCause.BUDGET);
            assertThat(c.fallback()).isEqualTo(FallbackSource.DEFAULT);
            assertThat(curiosity.runs.get()).isZero();
            assertThat(step(r, "belief_system").outcome()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(r.counts().skipped()).isEqualTo(1);
            assertThat(r.counts().fallbacks()).isZero();
        }
    }

    @Test
    void aStepsTimeoutIsCappedByWhatIsLeftOfItsBudget() {
        FakeStep imp1 = taking(FakeStep.seq("semantic_context", Priority.IMPORTANT, 1), Duration.ofSeconds(5));
        FakeStep imp2 = FakeStep.seq("belief_system", Priority.IMPORTANT, 2); // own timeout 10 s, 3 s of budget left
        FakeStep par = FakeStep.par("social_interaction", Priority.IMPORTANT);
        try (TickEngine engine = Engines.engine(Engines.config(dir), time, imp1, imp2, par)) {
            TickRecord r = engine.runTick();
            assertThat(step(r, "semantic_context").timeoutMs()).isEqualTo(8_000);
            assertThat(step(r, "belief_system").timeoutMs()).isEqualTo(3_000);
            assertThat(step(r, "social_interaction").timeoutMs()).isEqualTo(3_000);
        }
    }

    @Test
    void criticalStepsAlwaysRunAndAnOverrunIsReported() {
        FakeStep a = taking(FakeStep.seq("monologue", Priority.CRITICAL, 1), Duration.ofSeconds(10));
        FakeStep b = taking(FakeStep.seq("action", Priority.CRITICAL, 2), Duration.ofSeconds(10));
        try (TickEngine engine = Engines.engine(Engines.config(dir), time, a, b)) {
            TickRecord r = engine.runTick();
            assertThat(step(r, "action").outcome()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(r.criticalOverrunMs()).isEqualTo(5_000);
        }
    }

    @Test
    void stepsAfterTheTickLimitAreSkipped() {
        TickguardConfig cfg = Engines.config(dir).withTick(t -> t.withLimit(Duration.ofSeconds(5)));
        FakeStep a = taking(FakeStep.seq("monologue", Priority.CRITICAL, 1), Duration.ofSeconds(6));
        FakeStep b = FakeStep.seq("action", Priority.CRITICAL, 2);
        try (TickEngine engine = Engines.engine(cfg, time, a, b)) {
            StepRecord r = step(engine.runTick(), "action");
            assertThat(r.outcome()).isEqualTo(StepOutcome.SKIPPED);
            assertThat(r.cause()).isEqualTo(StepCause.TICK_LIMIT);
            assertThat(r.fallback()).isEqualTo(FallbackSource.DEFAULT);
        }
    }

    @Test
    void fallbackOrderIsCustomThenFreshCacheThenDefault() {
        FakeStep s = FakeStep.seq("goal_selection", Priority.CRITICAL, 1);
        try (TickEngine engine = Engines.engine(Engines.config(dir), time, s)) {
            engine.runTick(); // caches "goal_selection-ok"
            s.failing();
            s.fallback = (ctx, t) -> Optional.of(FakeStep.text("custom"));
            StepRecord custom = step(engine.runTick(), "goal_selection");
            assertThat(custom.fallback()).isEqualTo(FallbackSource.CUSTOM);

            s.fallback = (ctx, t) -> Optional.empty();
            time.advance(Duration.ofSeconds(299));
            StepRecord cached = step(engine.runTick(), "goal_selection");
            assertThat(cached.fallback()).isEqualTo(FallbackSource.CACHE);

            time.advance(Duration.ofSeconds(2)); // now 301 s old: too old
            s.fallback = (ctx, t) -> {
                throw new IllegalStateException("custom fallback broken too");
            };
            engine.breakers().get("step:goal_selection").reset();
            StepRecord dflt = step(engine.runTick(), "goal_selection");
            assertThat(dflt.fallback()).isEqualTo(FallbackSource.DEFAULT);
            assertThat(dflt.outcome()).isEqualTo(StepOutcome.FALLBACK);
        }
    }

    @Test
    void criticalStepWithNoResultAtAllStopsTheTick() {
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1).failing();
        mono.safeDefault = null;
        FakeStep action = FakeStep.seq("action", Priority.CRITICAL, 2);
        FakeStep curiosity = FakeStep.par("curiosity", Priority.OPTIONAL);
        try (TickEngine engine = Engines.engine(Engines.config(dir), time, mono, action, curiosity)) {
            TickRecord r = engine.runTick();
            assertThat(step(r, "monologue").outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(r.abortReason()).contains("critical step 'monologue' has no result").contains("monologue broke");
            assertThat(step(r, "action").cause()).isEqualTo(StepCause.ABORTED);
            assertThat(step(r, "curiosity").cause()).isEqualTo(StepCause.ABORTED);
            assertThat(action.runs.get() + curiosity.runs.get()).isZero();
        }
    }

    @Test
    void cacheSurvivesARestartAndKeepsItsAge() {
        FakeStep s = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        try (TickEngine engine = Engines.engine(Engines.config(dir), time, s)) {
            engine.runTick();
        }
        FakeStep again = FakeStep.seq("monologue", Priority.CRITICAL, 1).failing();
        try (TickEngine engine = Engines.engine(Engines.config(dir), time, again)) {
            assertThat(engine.lastTick()).isEqualTo(1);
            TickRecord r = engine.runTick();
            assertThat(r.tick()).isEqualTo(2);
            assertThat(step(r, "monologue").fallback()).isEqualTo(FallbackSource.CACHE);
            time.advance(Duration.ofSeconds(301));
            assertThat(engine.cache().fresh("monologue", Duration.ofSeconds(300), time.now())).isEmpty();
        }
    }

    @Test
    void adaptiveTimeoutFollowsP95AfterEnoughSamples() {
        AdaptiveTimeouts a = new AdaptiveTimeouts(new dev.tickguard.config.AdaptiveSettings(true, 20, 100, 3.0,
                Duration.ofMillis(100)));
        Duration configured = Duration.ofSeconds(30);
        for (int i = 1; i <= 19; i++) {
            a.recordSuccess("monologue", Duration.ofMillis(100 + i).toNanos());
        }
        assertThat(a.timeoutFor("monologue", configured)).isEqualTo(configured);
        a.recordSuccess("monologue", Duration.ofMillis(1_000).toNanos());
        // p95 of 20 samples is the 19th smallest: 119 ms; x3 = 357 ms.
        assertThat(a.timeoutFor("monologue", configured)).isEqualTo(Duration.ofMillis(357));
        assertThat(a.current()).containsEntry("monologue", Duration.ofMillis(357));
        AdaptiveTimeouts off = new AdaptiveTimeouts(new dev.tickguard.config.AdaptiveSettings(false, 20, 100, 3.0,
                Duration.ofMillis(100)));
        for (int i = 0; i < 50; i++) {
            off.recordSuccess("x", 1_000_000);
        }
        assertThat(off.timeoutFor("x", configured)).isEqualTo(configured);
    }
}
