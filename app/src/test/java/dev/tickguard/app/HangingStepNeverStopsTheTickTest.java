package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.StepOverride;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.plugin.StepDiscovery;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6, defect 1: a step that never returns and ignores interrupts (chaos {@code hang:}) costs
 * one thread, never the tick: whichever of the twelve built-in steps hangs, and also when it is the
 * only (so the last) step of its phase, both ticks end, the hung step is abandoned in the first
 * and refused as {@code hung} in the second, and every other step has its record.
 */
class HangingStepNeverStopsTheTickTest {
    private static final List<String> TWELVE = List.of("monologue", "semantic_context", "goal_selection", "action",
            "after_action", "curiosity", "self_modification", "belief_system", "contradiction_resolver",
            "time_perception", "social_interaction", "meta_cognition");
    private static final List<String> PHASE_1 = TWELVE.subList(0, 5);
    private static final List<String> PHASE_2 = TWELVE.subList(5, 12);

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        Stream<Arguments> each = TWELVE.stream().map(id -> Arguments.of(id, List.of()));
        // The last step of each phase when it is the phase's only step: the hung step then runs on the
        // thread that launched the phase.
        Stream<Arguments> alone = Stream.of(
                Arguments.of("after_action", PHASE_1.subList(0, 4)),
                Arguments.of("meta_cognition", PHASE_2.subList(0, 6)));
        return Stream.concat(each, alone);
    }

    @ParameterizedTest(name = "hang:{0}, disabled {1}")
    @MethodSource("cases")
    void theTickEndsWhicheverStepHangs(String hung, List<String> disabled) throws Exception {
        Map<String, StepOverride> overrides = new HashMap<>();
        overrides.put(hung, new StepOverride(Duration.ofMillis(150), null, null));
        disabled.forEach(id -> overrides.put(id, new StepOverride(null, null, false)));
        TickguardConfig config = TickguardConfig.defaults().withDataDir(dir).withSteps(overrides)
                .withTick(t -> t.withAbandonGrace(Duration.ofMillis(50)));
        EventBus bus = new EventBus();
        // No LLM given: the engine's stand-in fails every call, so every step that asks falls back, quickly.
        try (TickEngine engine = TickEngine.builder(config).bus(bus).withoutDefaultChecks()
                .steps(new StepDiscovery(bus, TimeSource.system()).builtIn()).build()) {
            assertThat(engine.steps()).hasSize(12 - disabled.size());
            engine.stepFaults().hang(hung, true);

            TickRecord first = tick(engine);
            assertThat(first.steps()).hasSize(12 - disabled.size());
            StepRecord h = step(first, hung);
            assertThat(h.cause()).isEqualTo(StepCause.TIMEOUT);
            assertThat(h.abandoned()).isTrue();
            assertThat(h.outcome()).isIn(StepOutcome.FALLBACK, StepOutcome.FAILED);
            assertThat(first.steps()).filteredOn(s -> !s.id().equals(hung))
                    .allSatisfy(s -> assertThat(s.cause()).as(s.id()).isNotIn(StepCause.TIMEOUT, StepCause.ABORTED));
            assertThat(engine.abandonedThreads().current()).isEqualTo(1);

            TickRecord second = tick(engine);
            assertThat(step(second, hung).cause()).isEqualTo(StepCause.HUNG);
            assertThat(second.steps()).hasSize(12 - disabled.size());

            engine.stepFaults().hang(hung, false);
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.abandonedThreads().current() == 0);
        } finally {
            bus.close();
        }
    }

    /** Runs a tick off the test thread, so that a regression fails the test instead of hanging the build. */
    private static TickRecord tick(TickEngine engine) {
        CompletableFuture<TickRecord> f = CompletableFuture.supplyAsync(engine::runTick);
        await().atMost(Duration.ofSeconds(60)).until(f::isDone);
        return f.join();
    }

    private static StepRecord step(TickRecord r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
