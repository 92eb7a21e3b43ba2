package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.memory.DbMemory;
import dev.tickguard.spi.Episode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, retention: ticks beyond {@code keep_ticks} or older than {@code keep_days} are pruned with
 * their step runs; a tick in progress and the memory (the agent's) never are.
 */
class RetentionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    /** 100 ticks a day apart, each with a step run and an episode, and tick 101 in progress. */
    private void seed(Database db) {
        TickWrites w = new TickWrites(db, null);
        DbMemory memory = new DbMemory(db);
        StepRecord s = new StepRecord("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 1, 10, StepOutcome.SUCCESS,
                null, null, null, false);
        for (long t = 1; t <= 100; t++) {
            Instant at = T0.plus(Duration.ofDays(t));
            w.step(t, t + "/monologue", 0, s, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("thought " + t));
            w.finished(new TickRecord(t, at, 1, SystemMode.NORMAL, false, null, null, TickCounts.of(List.of(s)), Map.of(),
                    List.of(s), 0));
            memory.record(new Episode(at, t, "action", "episode " + t, "done"));
        }
        w.started(101, T0.plus(Duration.ofDays(101)), SystemMode.NORMAL);
        assertThat(db.flush(30_000)).isTrue();
    }

    @Test
    void keepTicksPrunesTheOldestWithTheirStepRunsAndNeverTheMemory() throws Exception {
        try (Database db = Database.open(dir)) {
            seed(db);
            Retention r = new Retention(db, 30, 0, () -> T0.plus(Duration.ofDays(102)));
            assertThat(r.prune()).isEqualTo(71);
            assertThat(r.prune()).isZero();
        }
        assertThat(DbAssert.ticks(dir)).containsExactlyElementsOf(LongStream.rangeClosed(72, 100).boxed().toList());
        assertThat(DbAssert.column(dir, "SELECT min(tick) FROM step_runs")).containsExactly(72);
        assertThat(DbAssert.column(dir, "SELECT count(*) FROM ticks WHERE state = 'running'")).containsExactly(1);
        assertThat(DbAssert.column(dir, "SELECT count(*) FROM episodes")).containsExactly(100);
    }

    @Test
    void keepDaysPrunesTicksOlderThanThatInChunks() throws Exception {
        try (Database db = Database.open(dir)) {
            seed(db);
            // Day 102 now, keep 10 days: ticks of day 92 and later stay.
            Retention r = new Retention(db, 0, 10, () -> T0.plus(Duration.ofDays(102)));
            assertThat(r.prune()).isEqualTo(91);
        }
        assertThat(DbAssert.ticks(dir).get(0)).isEqualTo(92L);
        assertThat(DbAssert.column(dir, "SELECT count(*) FROM episodes")).containsExactly(100);
    }

    @Test
    void resultsOlderThanKeepResultsDaysAreDroppedTheirRecordsStayAndThePageSaysSo() throws Exception {
        try (Database db = Database.open(dir)) {
            seed(db);
            // Day 102 now, results kept 10 days: ticks of day 92 and later keep theirs; no tick is pruned.
            Retention r = new Retention(db, 0, 0, 10, () -> T0.plus(Duration.ofDays(102)));
            assertThat(r.prune()).isZero();
            assertThat(r.pruneResults()).isEqualTo(91);
            assertThat(r.pruneResults()).isZero();
            TickStore store = new TickStore(db);
            List<TickStore.Entry> page = store.page(TickStore.Query.newest(100));
            assertThat(page).hasSize(100);
            assertThat(page).filteredOn(e -> e.record().tick() >= 92)
                    .allSatisfy(e -> assertThat(e.resultsKept()).isTrue())
                    .allSatisfy(e -> assertThat(e.results()).containsKey("monologue"));
            assertThat(page).filteredOn(e -> e.record().tick() < 92).hasSize(91)
                    .allSatisfy(e -> assertThat(e.resultsKept()).isFalse())
                    .allSatisfy(e -> assertThat(e.results()).isEmpty())
                    .allSatisfy(e -> assertThat(e.record().steps()).hasSize(1));
        }
        assertThat(DbAssert.column(dir, "SELECT min(tick) FROM step_results")).containsExactly(92);
        assertThat(DbAssert.column(dir, "SELECT count(*) FROM runs")).containsExactly(100);
    }

    @Test
    void resultsAreDroppedInChunksAndTheMarkOnlyMovesForward() throws Exception {
        try (Database db = Database.open(dir)) {
            TickWrites w = new TickWrites(db, null);
            StepRecord s = new StepRecord("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 1, 10, StepOutcome.SUCCESS,
                    null, null, null, false);
            int n = Retention.CHUNK * 2 + 10;
            for (long t = 1; t <= n; t++) {
                w.step(t, t + "/monologue", 0, s, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(t));
                w.finished(new TickRecord(t, T0.plusSeconds(t), 1, SystemMode.NORMAL, false, null, null,
                        TickCounts.of(List.of(s)), Map.of(), List.of(s), 0));
            }
            assertThat(db.flush(60_000)).isTrue();
            // Now is 10 days after tick n - 5 started: the ticks that started before it lose their results.
            Retention r = new Retention(db, 0, 0, 10, () -> T0.plusSeconds(n - 5).plus(Duration.ofDays(10)));
            assertThat(r.pruneResults()).isEqualTo(n - 6);
            assertThat(db.read(TickStore::resultsFrom)).isEqualTo(n - 5);
            // A later retention with a longer keep (a changed config) does not move the mark back.
            new Retention(db, 0, 0, 365, () -> T0.plusSeconds(n)).pruneResults();
            assertThat(db.read(TickStore::resultsFrom)).isEqualTo(n - 5);
        }
        assertThat(DbAssert.column(dir, "SELECT count(*) FROM step_results")).containsExactly(6);
    }

    @Test
    void prunedTicksTakeTheirBreakerSetsThatNoKeptTickUses() throws Exception {
        try (Database db = Database.open(dir)) {
            TickWrites w = new TickWrites(db, null);
            for (long t = 1; t <= 10; t++) {
                w.finished(new TickRecord(t, T0.plus(Duration.ofDays(t)), 1, SystemMode.NORMAL, false, null, null,
                        TickCounts.none(), Map.of("step:" + (t <= 5 ? "old" : "new"), dev.tickguard.events.BreakerState.CLOSED),
                        List.of(), 0));
            }
            assertThat(db.flush(30_000)).isTrue();
            assertThat(new Retention(db, 5, 0, () -> T0).prune()).isEqualTo(5);
        }
        assertThat(DbAssert.column(dir, "SELECT breakers FROM breaker_sets")).containsExactly("{\"step:new\":\"closed\"}");
    }
}
