package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: every older schema version's file opens and is migrated forward to the current one,
 * keeping its ticks (each migration in its own transaction with its version bump).
 */
class SchemaMigrationTest {
    @TempDir
    Path dir;

    static IntStream olderVersions() {
        return IntStream.range(0, Schema.current());
    }

    @ParameterizedTest(name = "from version {0}")
    @MethodSource("olderVersions")
    void aFileOfAnOlderVersionIsMigratedKeepingItsData(int version) throws Exception {
        Files.createDirectories(dir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.FILE))) {
            Schema.migrate(c, version);
            assertThat(Schema.version(c)).isEqualTo(version);
            if (version >= 1) {
                Database.exec(c, "INSERT INTO ticks(tick, started_at, started_ms, state, mode, record) "
                        + "VALUES (41, '2026-01-01T00:00:00Z', 0, 'done', 'NORMAL', '{}')");
            }
        }
        try (Database db = Database.open(dir)) {
            assertThat(db.read(Schema::version)).isEqualTo(Schema.current());
            assertThat(new TickStore(db).lastTick()).isEqualTo(version >= 1 ? 41 : 0);
        }
        assertThat(DbAssert.integrity(dir)).isEqualTo("ok");
    }

    /**
     * Issue 19 (size): a version-1 file (a tick's record as JSON in ticks.record and again, per step, in
     * step_runs.record) becomes columns; the record read back, its journal line and its results are
     * those version 1 kept, and no record JSON is left.
     */
    @Test
    void aVersionOneTicksRecordAndResultsReadTheSameAfterTheUpgradeToColumns() throws Exception {
        TickRecord r = TickRowsTest.richTick(7);
        TickRecord resumed = new TickRecord(8, r.startedAt().plusSeconds(60), 10, SystemMode.NORMAL, false, null,
                "process died", TickCounts.of(r.steps().subList(0, 1)), Map.of(), r.steps().subList(0, 1), 0, true,
                List.of("monologue"));
        Files.createDirectories(dir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.FILE))) {
            Schema.migrate(c, 1);
            for (TickRecord t : List.of(r, resumed)) {
                // As version 1 wrote it: the journal line without mode_reason, each step's part again.
                ObjectNode line = JournalJson.tick(t);
                line.remove("mode_reason");
                try (PreparedStatement p = c.prepareStatement("INSERT INTO ticks(tick, started_at, started_ms, state, "
                        + "resumed, mode, skipped, abort_reason, duration_ms, record) VALUES (?, ?, ?, 'done', ?, ?, 0, ?, ?, ?)")) {
                    p.setLong(1, t.tick());
                    p.setString(2, t.startedAt().toString());
                    p.setLong(3, t.startedAt().toEpochMilli());
                    p.setInt(4, t.resumed() ? 1 : 0);
                    p.setString(5, t.mode().name());
                    p.setString(6, t.abortReason());
                    p.setLong(7, t.durationMs());
                    p.setString(8, line.toString());
                    p.executeUpdate();
                }
                for (int i = 0; i < t.steps().size(); i++) {
                    StepRecord s = t.steps().get(i);
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO step_runs(tick, step, run_key, seq, outcome, "
                            + "cause, fallback, error, record, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        p.setLong(1, t.tick());
                        p.setString(2, s.id());
                        p.setString(3, t.tick() + "/" + s.id());
                        p.setInt(4, i);
                        p.setString(5, s.outcome().name());
                        p.setString(6, s.cause() == null ? null : s.cause().label());
                        p.setString(7, s.fallback() == null ? null : s.fallback().label());
                        p.setString(8, s.error());
                        p.setString(9, JournalJson.step(s).toString());
                        p.setString(10, s.hasResult() ? "{\"n\":" + i + "}" : null);
                        p.executeUpdate();
                    }
                }
            }
            // A tick the process was running when it died: resumable after the upgrade too.
            Database.exec(c, "INSERT INTO ticks(tick, started_at, started_ms, state, mode) "
                    + "VALUES (9, '2026-06-01T00:10:00Z', 0, 'running', 'NORMAL')",
                    "INSERT INTO step_runs VALUES (9, 'monologue', '9/monologue', 0, 'SUCCESS', NULL, NULL, NULL, '"
                            + JournalJson.step(r.steps().get(0)) + "', '\"thought\"')");
        }
        try (Database db = Database.open(dir)) {
            TickStore store = new TickStore(db);
            List<TickStore.Entry> page = store.page(TickStore.Query.newest(10));
            assertThat(page).extracting(e -> e.record().tick()).containsExactly(8L, 7L);
            assertThat(page.get(1).record()).isEqualTo(r.withModeReason(null));
            assertThat(page.get(0).record()).isEqualTo(resumed);
            ObjectNode before = JournalJson.tick(r);
            before.putNull("mode_reason");
            assertThat(JournalJson.tick(page.get(1).record())).isEqualTo(before);
            assertThat(page.get(1).results()).containsOnly(Map.entry("monologue", "{\"n\":0}"),
                    Map.entry("goal_selection", "{\"n\":1}"), Map.entry("time_perception", "{\"n\":3}"));
            TickStore.Interrupted nine = store.interrupted().orElseThrow();
            assertThat(nine.tick()).isEqualTo(9);
            assertThat(nine.steps().get("monologue").record()).isEqualTo(r.steps().get(0));
            assertThat(nine.steps().get("monologue").result().asText()).isEqualTo("thought");
        }
        assertThat(DbAssert.column(dir, "SELECT count(*) FROM sqlite_master m, pragma_table_info(m.name) c "
                + "WHERE m.type = 'table' AND c.name = 'record'")).containsExactly(0);
        assertThat(DbAssert.integrity(dir)).isEqualTo("ok");
    }
}
