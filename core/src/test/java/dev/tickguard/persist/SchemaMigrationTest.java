package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.IntStream;
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
}
