package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.events.TickEvent;
import dev.tickguard.bus.TickHistory;
import dev.tickguard.health.HealthCheck;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickEngineTest {
    @TempDir
    Path dir;

    @Test
    void runsNTicksBackToBackWritesTheJournalAndStops() throws Exception {
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        FakeStep cur = FakeStep.par("curiosity", Priority.OPTIONAL).failing();
        try (TickEngine engine = Engines.engine(Engines.config(dir).withTick(t -> t.withInterval(Duration.ZERO)), TimeSource.system(),
                mono, cur)) {
            Path journalFile = dir.resolve("logs/ticks.jsonl");
            TickHistory history = new TickHistory(2);
            engine.bus().subscribe("history", history);
            var done = engine.stopAfter(3);
            engine.start();
            done.get(30, TimeUnit.SECONDS);
            assertThat(engine.state()).isEqualTo(TickEngine.State.STOPPED);
            assertThat(engine.bus().drain(Duration.ofSeconds(10))).isTrue();
            assertThat(engine.database().flush(10_000)).isTrue();

            List<String> lines = Files.readAllLines(journalFile);
            assertThat(lines).hasSize(3);
            JsonNode first = new ObjectMapper().readTree(lines.get(0));
            assertThat(first.get("tick").asLong()).isEqualTo(1);
            assertThat(first.get("mode").asText()).isEqualTo("NORMAL");
            assertThat(first.get("skipped").asBoolean()).isFalse();
            assertThat(first.get("counts").get("critical").asInt()).isEqualTo(1);
            assertThat(first.get("counts").get("fallbacks").asInt()).isEqualTo(1);
            assertThat(first.get("breakers").get("step:curiosity").asText()).isEqualTo("closed");
            JsonNode step = first.get("steps").get(1);
            assertThat(step.get("id").asText()).isEqualTo("curiosity");
            assertThat(step.get("phase").asInt()).isEqualTo(2);
            assertThat(step.get("outcome").asText()).isEqualTo("FALLBACK");
            assertThat(step.get("cause").asText()).isEqualTo("error");
            assertThat(step.get("fallback").asText()).isEqualTo("default");
            assertThat(step.get("error").asText()).contains("curiosity broke");
            assertThat(step.has("start_ms") && step.has("duration_ms") && step.has("timeout_ms")).isTrue();
            assertThat(history.snapshot()).extracting(r -> r.tick()).containsExactly(2L, 3L);
        }
    }

    @Test
    void emergencyModeSkipsTheTickWithItsReason() {
        AtomicBoolean diskOk = new AtomicBoolean(false);
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        try (TickEngine engine = TickEngine.builder(Engines.config(dir)).withoutDefaultChecks()
                .check(new HealthCheck() {
                    @Override
                    public String name() {
                        return "disk";
                    }

                    @Override
                    public boolean critical() {
                        return true;
                    }

                    @Override
                    public Reading check() {
                        return diskOk.get() ? Reading.ok("fine") : Reading.failing("data disk full");
                    }
                }).step(mono, "test").build()) {
            engine.health().runChecks();
            assertThat(engine.health().mode()).isEqualTo(SystemMode.EMERGENCY);
            var r = engine.runTick();
            assertThat(r.skipped()).isTrue();
            assertThat(r.skipReason()).contains("EMERGENCY").contains("data disk full");
            assertThat(mono.runs.get()).isZero();
            diskOk.set(true);
            engine.health().runChecks();
            assertThat(engine.runTick().skipped()).isFalse();
        }
    }

    @Test
    void stopCancelsARunningTick() {
        FakeStep slow = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        AtomicBoolean interrupted = new AtomicBoolean();
        slow.body = ctx -> {
            try {
                new java.util.concurrent.CountDownLatch(1).await(); // blocks until interrupted
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return FakeStep.text("done");
        };
        try (TickEngine engine = Engines.engine(Engines.config(dir).withTick(t -> t.withInterval(Duration.ofHours(1))),
                TimeSource.system(), slow)) {
            List<TickEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            engine.bus().subscribe("test", events::add);
            engine.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.runs.get() == 1);
            engine.stop();
            assertThat(engine.state()).isEqualTo(TickEngine.State.STOPPED);
            await().atMost(Duration.ofSeconds(10)).until(interrupted::get);
            engine.bus().drain(Duration.ofSeconds(5));
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(TickEvent.TickFinished.class));
        }
    }

    @Test
    void runNowStartsATickWhilePaused() {
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        try (TickEngine engine = Engines.engine(Engines.config(dir).withTick(t -> t.withInterval(Duration.ofHours(1))),
                TimeSource.system(), mono)) {
            engine.start(); // the first tick starts at once, the next would be in an hour
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.lastTick() == 1);
            engine.pause();
            assertThat(engine.state()).isEqualTo(TickEngine.State.PAUSED);
            engine.runNow();
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.lastTick() == 2);
            engine.resume();
            engine.setInterval(Duration.ZERO);
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.lastTick() >= 4);
        }
    }

    @Test
    void brokenStepDescriptorsAreReportedNotFatal() {
        FakeStep bad = new FakeStep("Bad Id", Priority.CRITICAL, dev.tickguard.spi.Phase.SEQUENTIAL, 0,
                Duration.ofSeconds(1));
        FakeStep dup1 = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        FakeStep dup2 = FakeStep.seq("monologue", Priority.CRITICAL, 2);
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), bad, dup1, dup2)) {
            assertThat(engine.steps()).extracting(LoadedStep::id).containsExactly("monologue");
        }
    }
}
