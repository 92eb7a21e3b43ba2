package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.TickEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions (hostile pass 2): an exception whose cause chain loops (a -> b -> a) spun a step thread
 * forever and lost the tick's records; one whose getMessage() throws was taken for an engine bug; one
 * whose getMessage(), toString() or getCause() blocks stalled the tick (it was read after the step's
 * deadline was disarmed), and a stop did not end such a tick (D5).
 */
class HostileThrowablesDoNotStallTheTickTest {
    @TempDir
    Path dir;

    /** Released after each test, so the threads the hostile exceptions hold end. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseBlockedThreads() {
        release.countDown();
    }

    /** Blocks until the test ends, deaf to interrupts: plugin code at its worst. */
    private void block() {
        boolean interrupted = false;
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** An exception that blocks in everything the engine could read of it. */
    private RuntimeException unreadable() {
        return new RuntimeException() {
            @Override
            public String getMessage() {
                block();
                return "late";
            }

            @Override
            public String getLocalizedMessage() {
                block();
                return "late";
            }

            @Override
            public synchronized Throwable getCause() {
                block();
                return null;
            }

            @Override
            public String toString() {
                block();
                return "late";
            }
        };
    }

    @Test
    void anExceptionThatBlocksWhenReadIsAHungStepNotAStalledTick() throws Exception {
        FakeStep evil = new FakeStep("monologue", Priority.CRITICAL, dev.tickguard.spi.Phase.SEQUENTIAL, 1,
                Duration.ofMillis(300));
        evil.body = ctx -> {
            throw unreadable();
        };
        FakeStep after = FakeStep.seq("after_action", Priority.CRITICAL, 2);
        FakeStep par = FakeStep.par("curiosity", Priority.OPTIONAL);
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), evil, after, par)) {
            TickRecord r = CompletableFuture.supplyAsync(engine::runTick).get(60, TimeUnit.SECONDS);

            assertThat(r.abortReason()).isNull();
            assertThat(r.steps()).extracting(StepRecord::id).containsExactly("monologue", "after_action", "curiosity");
            assertThat(r.steps()).allMatch(StepRecord::hasResult);
            StepRecord mono = r.steps().get(0);
            assertThat(mono.abandoned()).isTrue();
            assertThat(mono.fallback()).isEqualTo(FallbackSource.DEFAULT);
        }
    }

    @Test
    void aFallbackWhoseExceptionBlocksWhenReadIsAbandonedAndTheSafeDefaultAnswers() throws Exception {
        FakeStep evil = FakeStep.seq("monologue", Priority.CRITICAL, 1).failing();
        evil.fallback = (c, t) -> {
            throw unreadable();
        };
        FakeStep after = FakeStep.seq("after_action", Priority.CRITICAL, 2);
        try (TickEngine engine = TickEngine.builder(Engines.config(dir).withTick(t -> t.withLimit(Duration.ofSeconds(2))))
                .bus(new EventBus()).withoutDefaultChecks().step(evil, "test").step(after, "test").build()) {
            TickRecord r = CompletableFuture.supplyAsync(engine::runTick).get(60, TimeUnit.SECONDS);

            assertThat(r.steps()).extracting(StepRecord::id).containsExactly("monologue", "after_action");
            assertThat(r.steps()).allMatch(StepRecord::hasResult);
            assertThat(r.steps().get(0).fallback()).isEqualTo(FallbackSource.DEFAULT);
            assertThat(r.steps().get(0).error()).contains("its fallback did not return by its deadline");
        }
    }

    /**
     * Regression (own hostile pass): a step's value of its own node class (or a POJO node of its own
     * object) was copied on the tick's continuation and written on the journal's thread: a toString()
     * or getter that blocks stalled both, outside any deadline.
     */
    @Test
    void aStepsOwnNodeClassesNeverRunOutsideItsDeadline() throws Exception {
        FakeStep textual = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        textual.body = ctx -> new com.fasterxml.jackson.databind.node.TextNode("mine") {
            @Override
            public String toString() {
                block();
                return "";
            }

            @Override
            public <T extends com.fasterxml.jackson.databind.JsonNode> T deepCopy() {
                block();
                return null;
            }
        };
        Object pojo = new Object() {
            public String getName() {
                block();
                return "late";
            }
        };
        FakeStep pojos = FakeStep.par("curiosity", Priority.OPTIONAL);
        pojos.body = ctx -> new com.fasterxml.jackson.databind.node.POJONode(pojo);
        EventBus bus = new EventBus();
        java.util.List<TickEvent.StepFinished> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        bus.subscribe("test", e -> {
            if (e instanceof TickEvent.StepFinished sf) {
                finished.add(sf);
            }
        });
        try (TickEngine engine = TickEngine.builder(Engines.config(dir).withTick(t -> t.withLimit(Duration.ofSeconds(5))))
                .bus(bus).withoutDefaultChecks().step(textual, "test").step(pojos, "test").build()) {
            TickRecord r = CompletableFuture.supplyAsync(engine::runTick).get(60, TimeUnit.SECONDS);

            assertThat(r.steps()).as(r.toString()).extracting(StepRecord::id).containsExactly("monologue", "curiosity");
            assertThat(r.steps().get(0).outcome()).isEqualTo(dev.tickguard.events.StepOutcome.SUCCESS);
            assertThat(r.steps().get(1).hasResult()).isTrue(); // its POJO could not be written in time: a fallback
            bus.drain(Duration.ofSeconds(30));
            String texts = CompletableFuture.supplyAsync(() -> finished.stream().filter(f -> f.result() != null)
                    .map(f -> f.step().id() + "=" + f.result().text()).toList().toString()).get(60, TimeUnit.SECONDS);
            assertThat(texts).contains("monologue=\"mine\"");
        }
    }

    @Test
    void stopEndsATickWhoseStepThrewAnExceptionThatBlocksWhenRead() throws Exception {
        FakeStep evil = FakeStep.seq("monologue", Priority.CRITICAL, 1); // a long timeout: only the stop ends it
        evil.body = ctx -> {
            throw unreadable();
        };
        EventBus bus = new EventBus();
        CountDownLatch started = new CountDownLatch(1);
        bus.subscribe("test", e -> {
            if (e instanceof TickEvent.StepStarted) {
                started.countDown();
            }
        });
        try (TickEngine engine = TickEngine.builder(Engines.config(dir).withTick(t -> t.withLimit(Duration.ofSeconds(600))))
                .bus(bus).withoutDefaultChecks().step(evil, "test").build()) {
            CompletableFuture<TickRecord> tick = CompletableFuture.supplyAsync(engine::runTick);
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
            engine.stop("stopped by the test");

            TickRecord r = tick.get(60, TimeUnit.SECONDS);
            assertThat(r.abortReason()).isEqualTo("stopped by the test");
            assertThat(r.steps()).extracting(StepRecord::id).containsExactly("monologue");
        }
    }
    @Test
    void aCyclicCauseChainAndAThrowingMessageAreJustFailures() throws Exception {
        FakeStep cyclic = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        cyclic.body = ctx -> {
            RuntimeException a = new RuntimeException("a");
            RuntimeException b = new RuntimeException("b", a);
            a.initCause(b);
            throw a;
        };
        FakeStep evil = FakeStep.par("curiosity", Priority.OPTIONAL);
        evil.body = ctx -> {
            throw new IllegalStateException() {
                @Override
                public String getMessage() {
                    throw new UnsupportedOperationException("no message for you");
                }
            };
        };
        FakeStep fine = FakeStep.par("time_perception", Priority.OPTIONAL);
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), cyclic, evil, fine)) {
            TickRecord r = CompletableFuture.supplyAsync(engine::runTick).get(60, TimeUnit.SECONDS);

            assertThat(r.steps()).extracting(StepRecord::id).containsExactly("monologue", "curiosity", "time_perception");
            assertThat(r.steps()).allMatch(StepRecord::hasResult);
            assertThat(r.steps().get(1).error()).contains("its message could not be read");
        }
    }
}
