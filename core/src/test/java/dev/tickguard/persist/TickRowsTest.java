package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 (size), schema version 2: a tick and its step runs are stored once, in columns, and the
 * record rebuilt from them is the one written (the journal line keeps its shape); sqlite3 users read
 * the runs by name through the {@code step_runs} view.
 */
class TickRowsTest {
    static final Instant T0 = Instant.parse("2026-06-01T00:00:00.123456Z");

    @TempDir
    Path dir;

    /**
     * A tick with every kind of field set: causes, fallbacks, an error, a remote run (redelivered: its
     * second attempt answered), breakers, a reason.
     */
    static TickRecord richTick(long tick) {
        StepRecord a = new StepRecord("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 812, 30_000,
                StepOutcome.SUCCESS, null, null, null, false);
        StepRecord b = new StepRecord("goal_selection", Priority.IMPORTANT, Phase.SEQUENTIAL, 812, 2_004, 2_000,
                StepOutcome.FALLBACK, StepCause.TIMEOUT, FallbackSource.CUSTOM, "timed out after 2000ms", true);
        StepRecord c = new StepRecord("curiosity", Priority.OPTIONAL, Phase.PARALLEL, 2_816, 40, 5_000,
                StepOutcome.FAILED, StepCause.DEPENDENCY_FAILED, null, "LLM said 500", false, "worker w1 on gpu-box", 2);
        StepRecord d = new StepRecord("time_perception", Priority.OPTIONAL, Phase.PARALLEL, 2_816, 0, 5_000,
                StepOutcome.SKIPPED, StepCause.BUDGET, FallbackSource.DEFAULT, null, false);
        List<StepRecord> steps = List.of(a, b, c, d);
        return new TickRecord(tick, T0.plusSeconds(60 * tick), 3_100, SystemMode.DEGRADED, false, null, null,
                TickCounts.of(steps), Map.of("ollama:chat", BreakerState.OPEN, "step:goal_selection", BreakerState.HALF_OPEN),
                steps, 12, false, List.of(), "the LLM did not answer within 202ms");
    }

    /** Writes a tick as the engine does: its start, each run as it ends (with a result), its end. */
    static void write(TickWrites w, TickRecord r) {
        w.started(r.tick(), r.startedAt(), r.mode(), r.modeReason());
        for (int i = 0; i < r.steps().size(); i++) {
            StepRecord s = r.steps().get(i);
            w.step(r.tick(), r.tick() + "/" + s.id(), i, s,
                    s.hasResult() ? JsonNodeFactory.instance.objectNode().put("from", s.id()).put("tick", r.tick()) : null);
        }
        w.finished(r);
    }

    @Test
    void aTickReadBackIsTheRecordThatWasWrittenAndItsJournalLineTheSame() throws Exception {
        TickRecord r = richTick(7);
        try (Database db = Database.open(dir); TickJournal mirror = new TickJournal(dir.resolve("logs/ticks.jsonl"))) {
            write(new TickWrites(db, mirror), r);
            assertThat(db.flush(30_000)).isTrue();
            TickStore.Entry e = new TickStore(db).page(TickStore.Query.newest(10)).get(0);
            assertThat(e.record()).isEqualTo(r);
            assertThat(JournalJson.tick(e.record())).isEqualTo(JournalJson.tick(r));
            assertThat(e.results()).containsOnlyKeys("monologue", "goal_selection", "time_perception");
            assertThat(e.resultsKept()).isTrue();
        }
        assertThat(Files.readAllLines(dir.resolve("logs/ticks.jsonl")))
                .containsExactly(JournalJson.tick(r).toString());
    }

    @Test
    void noJsonIsStoredTwiceAndTheViewNamesTheRunsForSqliteUsers() throws Exception {
        try (Database db = Database.open(dir)) {
            write(new TickWrites(db, null), richTick(7));
            assertThat(db.flush(30_000)).isTrue();
        }
        // The columns of every table: no 'record' anywhere, the results in a table of their own.
        assertThat(DbAssert.column(dir, "SELECT count(*) FROM sqlite_master m, pragma_table_info(m.name) c "
                + "WHERE m.type = 'table' AND c.name = 'record'")).containsExactly(0);
        assertThat(DbAssert.column(dir, "SELECT step || ' ' || outcome || ' ' || coalesce(cause, '-') || ' ' "
                + "|| coalesce(fallback, '-') || ' ' || priority || ' ' || run_key FROM step_runs WHERE tick = 7 ORDER BY seq"))
                .containsExactly("monologue SUCCESS - - CRITICAL 7/monologue",
                        "goal_selection FALLBACK timeout custom IMPORTANT 7/goal_selection",
                        "curiosity FAILED dependency_failed - OPTIONAL 7/curiosity",
                        "time_perception SKIPPED budget default OPTIONAL 7/time_perception");
        assertThat(DbAssert.column(dir, "SELECT result FROM step_runs WHERE tick = 7 AND step = 'monologue'"))
                .containsExactly("{\"from\":\"monologue\",\"tick\":7}");
        assertThat(DbAssert.column(dir, "SELECT b.breakers FROM ticks t JOIN breaker_sets b ON b.id = t.breakers"))
                .containsExactly("{\"ollama:chat\":\"open\",\"step:goal_selection\":\"half_open\"}");
    }

    @Test
    void ticksWithTheSameBreakerStatesShareOneStoredSet() throws Exception {
        try (Database db = Database.open(dir)) {
            TickWrites w = new TickWrites(db, null);
            for (long t = 1; t <= 20; t++) {
                write(w, richTick(t));
            }
            assertThat(db.flush(30_000)).isTrue();
        }
        assertThat(DbAssert.column(dir, "SELECT count(*) FROM breaker_sets")).containsExactly(1);
    }

    @Test
    void aStepInTheRecordThatWasNeverStoredAsARunIsStoredWithTheTick() throws Exception {
        // E.g. a tick closed as aborted lists steps whose runs a dead process wrote, or none were handed over.
        TickRecord r = richTick(7);
        TickStore.Entry e = newestAfter(w -> {
            w.started(7, r.startedAt(), r.mode(), r.modeReason());
            w.step(7, "7/monologue", 0, r.steps().get(0), JsonNodeFactory.instance.textNode("kept"));
            w.finished(r);
        });
        assertThat(e.record()).isEqualTo(r);
        assertThat(e.results()).containsExactly(Map.entry("monologue", "\"kept\""));
    }

    @Test
    void aTickClosedWithoutAModeReasonKeepsTheOneItStartedWith() throws Exception {
        // A tick a dead process left running is closed at the next start by a record that has no reason.
        TickRecord r = richTick(7);
        assertThat(newestAfter(w -> {
            w.started(7, r.startedAt(), r.mode(), "the LLM did not answer within 202ms");
            w.finished(r.withModeReason(null));
        }).record().modeReason()).isEqualTo("the LLM did not answer within 202ms");
    }

    /** The newest tick of the history after these writes. */
    private TickStore.Entry newestAfter(java.util.function.Consumer<TickWrites> writes) throws Exception {
        try (Database db = Database.open(dir)) {
            writes.accept(new TickWrites(db, null));
            assertThat(db.flush(30_000)).isTrue();
            return new TickStore(db).page(TickStore.Query.newest(1)).get(0);
        }
    }

    @Test
    void aRunStoredThatTheRecordDoesNotListIsRemovedWithItsResult() throws Exception {
        TickRecord r = richTick(7);
        StepRecord stray = new StepRecord("stray", Priority.OPTIONAL, Phase.PARALLEL, 0, 1, 10, StepOutcome.SUCCESS,
                null, null, null, false);
        assertThat(newestAfter(w -> {
            w.step(7, "7/stray", 9, stray, JsonNodeFactory.instance.textNode("late"));
            write(w, r);
        }).record()).isEqualTo(r);
        assertThat(DbAssert.column(dir, "SELECT count(*) FROM step_runs WHERE step = 'stray'")).containsExactly(0);
    }

    @Test
    void aRunKeyOtherThanTheUsualIsKept() throws Exception {
        TickRecord r = richTick(7);
        try (Database db = Database.open(dir)) {
            TickWrites w = new TickWrites(db, null);
            w.step(7, "agent-a:7/monologue", 0, r.steps().get(0), null);
            assertThat(db.flush(30_000)).isTrue();
        }
        assertThat(DbAssert.column(dir, "SELECT run_key FROM step_runs")).containsExactly("agent-a:7/monologue");
        assertThat(DbAssert.column(dir, "SELECT count(*) FROM runs WHERE run_key IS NULL")).containsExactly(0);
    }

    @Test
    void theFilteredPageOfAStepsFallbacksIsServedByTheIndex() throws Exception {
        try (Database db = Database.open(dir)) {
            write(new TickWrites(db, null), richTick(7));
            assertThat(db.flush(30_000)).isTrue();
            TickStore store = new TickStore(db);
            assertThat(store.page(new TickStore.Query(null, null, null, null, "goal_selection", "FALLBACK", null, 10)))
                    .extracting(e -> e.record().tick()).containsExactly(7L);
            assertThat(store.page(new TickStore.Query(null, null, null, null, "monologue", "FALLBACK", null, 10))).isEmpty();
            assertThat(store.page(new TickStore.Query(null, null, null, null, "curiosity", null, "dependency_failed", 10)))
                    .hasSize(1);
            assertThat(store.page(new TickStore.Query(null, null, null, null, "nope", null, null, 10))).isEmpty();
            List<Object> args = new java.util.ArrayList<>();
            String sql = TickStore.sql(new TickStore.Query(100L, null, null, null, "goal_selection", "FALLBACK", null, 100), args);
            List<String> plan = db.read(c -> {
                List<String> rows = new java.util.ArrayList<>();
                try (var p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql); var rs = bind(p, args.toArray()).executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(4));
                    }
                }
                return rows;
            });
            assertThat(String.join("\n", plan)).contains("runs_not_success");
        }
    }

    private static java.sql.PreparedStatement bind(java.sql.PreparedStatement p, Object... args) throws java.sql.SQLException {
        for (int i = 0; i < args.length; i++) {
            p.setObject(i + 1, args[i]);
        }
        return p;
    }
}
