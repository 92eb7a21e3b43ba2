package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.persist.DbAssert;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, defect 8 and issue 7, item 4: closing the engine (what SIGTERM, window close and
 * {@code --ticks} do) cancels the running tick and journals it with its abort reason; steps that
 * had finished keep their records, the cancelled one keeps its real start and run time; the
 * database holds exactly the journaled ticks; and a stop racing step starts always returns.
 */
class StopEndsTheTickAndJournalsItTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void closingMidTickJournalsTheTickWithItsAbortReason() throws Exception {
        FakeStep mono = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        FakeStep goal = FakeStep.seq("goal_selection", Priority.CRITICAL, 2);
        goal.body = ctx -> {
            new java.util.concurrent.CountDownLatch(1).await(); // blocks until interrupted
            return FakeStep.text("never");
        };
        FakeStep cur = FakeStep.par("curiosity", Priority.OPTIONAL);
        Path journalFile = dir.resolve("logs/ticks.jsonl");
        TickEngine engine = Engines.engine(Engines.config(dir).withTick(t -> t.withInterval(Duration.ofHours(1))), TimeSource.system(),
                mono, goal, cur);
        engine.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> goal.runs.get() == 1);
        Thread.sleep(20); // so the cancelled step has a run time to keep (not a synchronisation)
        // What the runtime does on SIGTERM: close the engine (its database takes the record), then the bus.
        engine.close();
        engine.bus().close();

        List<String> lines = Files.readAllLines(journalFile);
        assertThat(lines).hasSize(1);
        JsonNode t = JSON.readTree(lines.get(0));
        assertThat(t.get("tick").asLong()).isEqualTo(1);
        assertThat(t.get("abort_reason").asText()).isEqualTo("engine stopping");
        JsonNode steps = t.get("steps");
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).get("outcome").asText()).isEqualTo("SUCCESS");
        JsonNode cancelled = steps.get(1);
        assertThat(cancelled.get("id").asText()).isEqualTo("goal_selection");
        assertThat(cancelled.get("cause").asText()).isEqualTo("aborted");
        assertThat(cancelled.get("duration_ms").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(cancelled.get("start_ms").asLong()).isGreaterThanOrEqualTo(steps.get(0).get("start_ms").asLong());
        assertThat(steps.get(2).get("cause").asText()).isEqualTo("aborted");
        assertThat(DbAssert.ticks(dir)).containsExactly(1L);
    }

    @Test
    void stopRacingStepStartsAlwaysReturnsAndNoTickIsLost() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path data = dir.resolve("r" + round);
            FakeStep a = FakeStep.seq("monologue", Priority.CRITICAL, 1);
            FakeStep b = FakeStep.seq("goal_selection", Priority.CRITICAL, 2);
            FakeStep c = FakeStep.par("curiosity", Priority.OPTIONAL);
            TickEngine engine = Engines.engine(Engines.config(data).withTick(t -> t.withInterval(Duration.ZERO)), TimeSource.system(),
                    a, b, c);
            engine.start();
            long spin = ThreadLocalRandom.current().nextLong(200_000, 20_000_000);
            long until = System.nanoTime() + spin;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            CompletableFuture<Void> closing = CompletableFuture.runAsync(engine::close);
            await().atMost(Duration.ofSeconds(30)).until(closing::isDone);
            engine.bus().close();
            List<Long> ticks = new ArrayList<>();
            for (String line : Files.readAllLines(data.resolve("logs/ticks.jsonl"))) {
                ticks.add(JSON.readTree(line).get("tick").asLong());
            }
            assertThat(ticks).as("round " + round).hasSize((int) engine.lastTick());
            for (int i = 0; i < ticks.size(); i++) {
                assertThat(ticks.get(i)).isEqualTo(i + 1);
            }
            assertThat(DbAssert.ticks(data)).as("round " + round).isEqualTo(ticks);
        }
    }
}
