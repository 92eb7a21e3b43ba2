package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.EventBus;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Priority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions (issue 17.1 and 17.2): a custom fallback that threw an {@code Error} stalled the tick
 * for its limit + 7 s and lost every later step; one that never returned was not bounded by the
 * tick limit. Fallback code runs under the deadline discipline of a step: an Error or a hang passes
 * to the next link (cache, then safe default), is reported, and the record lists every step.
 */
class FallbackCodeCannotStallTheTickTest {
    @TempDir
    Path dir;

    private final List<TickEvent> events = new CopyOnWriteArrayList<>();

    private TickEngine engine(FakeStep... steps) {
        EventBus bus = new EventBus();
        bus.subscribe("test", events::add);
        TickEngineBuilder b = TickEngine.builder(Engines.config(dir).withTick(t -> t.withLimit(Duration.ofSeconds(2))))
                .bus(bus).withoutDefaultChecks();
        for (FakeStep s : steps) {
            b.step(s, "test");
        }
        return b.build();
    }

    private static StepRecord step(TickRecord r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aFallbackThatThrowsAnErrorPassesToTheSafeDefaultAndTheTickGoesOn() throws Exception {
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1).failing();
        mono.fallback = (c, t) -> {
            throw new StackOverflowError("deep");
        };
        FakeStep after = FakeStep.seq("after_action", Priority.CRITICAL, 2);
        FakeStep par = FakeStep.par("curiosity", Priority.OPTIONAL);
        try (TickEngine engine = engine(mono, after, par)) {
            TickRecord r = CompletableFuture.supplyAsync(engine::runTick).get(60, TimeUnit.SECONDS);

            assertThat(r.steps()).extracting(StepRecord::id).containsExactly("monologue", "after_action", "curiosity");
            assertThat(r.abortReason()).isNull();
            assertThat(step(r, "monologue").fallback()).isEqualTo(FallbackSource.DEFAULT);
            assertThat(step(r, "monologue").error()).contains("its fallback threw java.lang.StackOverflowError: deep");
            engine.bus().drain(Duration.ofSeconds(10));
            assertThat(events).filteredOn(e -> e instanceof TickEvent.FallbackFailed).singleElement()
                    .satisfies(e -> assertThat(((TickEvent.FallbackFailed) e).link()).isEqualTo(FallbackSource.CUSTOM));
        }
    }

    @Test
    void aSafeDefaultThatThrowsAnErrorLeavesTheStepWithoutAResultButTheTickFinishes() throws Exception {
        FakeStep cur = FakeStep.par("curiosity", Priority.OPTIONAL).failing();
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        FakeStep broken = FakeStep.par("broken_default", Priority.OPTIONAL).failing();
        broken.safeDefaultBody = () -> {
            throw new OutOfMemoryError("pretend");
        };
        try (TickEngine engine = engine(mono, cur, broken)) {
            TickRecord r = CompletableFuture.supplyAsync(engine::runTick).get(60, TimeUnit.SECONDS);

            assertThat(r.steps()).hasSize(3);
            assertThat(step(r, "broken_default").hasResult()).isFalse();
            assertThat(step(r, "broken_default").error()).contains("its safe default threw java.lang.OutOfMemoryError");
            assertThat(step(r, "curiosity").fallback()).isEqualTo(FallbackSource.DEFAULT);
        }
    }

    @Test
    void aFallbackThatNeverReturnsIsAbandonedAtTheTickLimitAndEveryStepIsRecorded() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1).failing();
        mono.fallback = (c, t) -> {
            while (true) { // ignores interrupts, like a badly written plugin
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // keeps waiting
                }
            }
        };
        FakeStep after = FakeStep.seq("after_action", Priority.CRITICAL, 2);
        FakeStep par = FakeStep.par("curiosity", Priority.OPTIONAL);
        try (TickEngine engine = engine(mono, after, par)) {
            TickRecord r = CompletableFuture.supplyAsync(engine::runTick).get(60, TimeUnit.SECONDS);

            assertThat(r.steps()).extracting(StepRecord::id).containsExactly("monologue", "after_action", "curiosity");
            assertThat(step(r, "monologue").fallback()).isEqualTo(FallbackSource.DEFAULT);
            assertThat(step(r, "monologue").error()).contains("its fallback did not return by its deadline");
            assertThat(engine.abandonedThreads().current()).isEqualTo(1);
        } finally {
            never.countDown();
        }
    }
}
