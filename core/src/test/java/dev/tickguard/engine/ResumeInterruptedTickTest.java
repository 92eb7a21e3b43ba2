package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.persist.Database;
import dev.tickguard.persist.DbAssert;
import dev.tickguard.persist.TickWrites;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, resume: a tick a killed process left in the database (its row 'running', the steps it
 * had finished committed) is resumed by the next engine under its number, those steps restored and not
 * run (their outputs feed the steps after them), the rest run; the journal line says so. A tick
 * resumed once already, or older than the limit, is closed as aborted ("process died") instead.
 */
class ResumeInterruptedTickTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What a process killed after step 'first' of tick 7 leaves. */
    private void interruptedTick(Instant startedAt, boolean resumedOnce) {
        try (Database db = Database.open(dir)) {
            TickWrites w = new TickWrites(db, null);
            w.started(7, startedAt, SystemMode.NORMAL);
            StepRecord first = new StepRecord("first", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 12, 1000,
                    StepOutcome.SUCCESS, null, null, null, false);
            w.step(7, "7/first", 0, first, FakeStep.text("from the first process"));
            if (resumedOnce) {
                w.markResumed(7);
            }
        }
    }

    @Test
    void theInterruptedTickResumesUnderItsNumberWithItsFinishedStepsRestored() throws Exception {
        interruptedTick(Instant.now().minusSeconds(5), false);
        FakeStep first = FakeStep.seq("first", Priority.CRITICAL, 1);
        FakeStep second = FakeStep.seq("second", Priority.CRITICAL, 2);
        FakeStep third = FakeStep.par("third", Priority.OPTIONAL);
        AtomicReference<String> seen = new AtomicReference<>();
        second.body = ctx -> {
            seen.set(ctx.output("first").map(JsonNode::asText).orElse(null));
            return FakeStep.text("second-ok");
        };
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), first, second, third)) {
            TickRecord r = engine.runTick();
            assertThat(r.tick()).isEqualTo(7);
            assertThat(r.resumed()).isTrue();
            assertThat(r.restored()).containsExactly("first");
            assertThat(first.runs.get()).isZero();
            assertThat(second.runs.get()).isEqualTo(1);
            assertThat(third.runs.get()).isEqualTo(1);
            assertThat(seen.get()).isEqualTo("from the first process");
            assertThat(r.steps()).extracting(StepRecord::id).containsExactly("first", "second", "third");
            assertThat(engine.runTick().tick()).isEqualTo(8);
        }
        JsonNode line = JSON.readTree(Files.readAllLines(dir.resolve("logs/ticks.jsonl")).get(0));
        assertThat(line.get("tick").asLong()).isEqualTo(7);
        assertThat(line.get("resumed").asBoolean()).isTrue();
        assertThat(line.get("restored").toString()).isEqualTo("[\"first\"]");
        assertThat(DbAssert.ticks(dir)).containsExactly(7L, 8L);
        assertThat(DbAssert.column(dir, "SELECT result FROM step_runs WHERE tick = 7 AND step = 'second'"))
                .containsExactly("\"second-ok\"");
    }

    @Test
    void aTickResumedOnceAlreadyIsClosedAsAbortedNotResumedAgain() throws Exception {
        interruptedTick(Instant.now().minusSeconds(5), true);
        FakeStep first = FakeStep.seq("first", Priority.CRITICAL, 1);
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), first)) {
            assertThat(engine.runTick().tick()).isEqualTo(8);
            assertThat(first.runs.get()).isEqualTo(1);
        }
        assertClosedAsAborted();
    }

    @Test
    void aTickOlderThanTheLimitIsClosedAsAborted() throws Exception {
        interruptedTick(Instant.now().minus(Duration.ofHours(1)), false);
        FakeStep first = FakeStep.seq("first", Priority.CRITICAL, 1);
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), first)) {
            assertThat(engine.runTick().tick()).isEqualTo(8);
        }
        assertClosedAsAborted();
    }

    private void assertClosedAsAborted() throws Exception {
        JsonNode seven = DbAssert.journal(dir).get(7L);
        assertThat(seven.get("abort_reason").asText()).isEqualTo("process died");
        assertThat(seven.get("steps").get(0).get("id").asText()).isEqualTo("first");
        assertThat(DbAssert.ticks(dir)).containsExactly(7L, 8L);
    }

    @Test
    void theDefaultLimitIsTheIntervalAndAtLeastFiveMinutes() {
        assertThat(PersistenceDefaults.resumeMaxAge(Duration.ofSeconds(60))).isEqualTo(Duration.ofMinutes(5));
        assertThat(PersistenceDefaults.resumeMaxAge(Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
    }
}
