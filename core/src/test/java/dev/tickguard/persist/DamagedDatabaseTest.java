package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, bad data: a database file that is not SQLite, truncated, or fails {@code quick_check} is
 * set aside as {@code tickguard.db.bad} (with its WAL) in one WARN line naming the file, and a fresh
 * database starts; one that is read-only, locked by another program, or written by a newer Tickguard
 * cannot be used without losing data: one line naming the file and the way out (the start exits 2),
 * never a stack trace.
 */
class DamagedDatabaseTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve(Database.FILE);
    }

    /** A database with {@code n} finished ticks, closed (its WAL folded into the file). */
    private void seed(int n) {
        try (Database db = Database.open(dir)) {
            TickWrites w = new TickWrites(db, null);
            for (int t = 1; t <= n; t++) {
                w.finished(new TickRecord(t, Instant.parse("2026-12-01T00:00:00Z").plusSeconds(t), 5, SystemMode.NORMAL,
                        false, null, null, TickCounts.none(), Map.of(), List.of(), 0));
            }
        }
    }

    /** Opens as a start does and waits for the writer's quick_check (it no longer runs inside the open). */
    private void openAndCheck() {
        try (Database db = Database.open(dir)) {
            db.checked().join();
        }
    }

    private void assertSetAsideAndFresh(String log, byte[] damaged) throws Exception {
        assertThat(log).contains(db().toString()).contains("moved to tickguard.db.bad").contains("starting a fresh database")
                .doesNotContain("\tat ");
        assertThat(Files.readAllBytes(dir.resolve("tickguard.db.bad"))).isEqualTo(damaged);
        try (Database fresh = Database.open(dir)) {
            assertThat(new TickStore(fresh).lastTick()).isZero();
        }
        assertThat(DbAssert.integrity(dir)).isEqualTo("ok");
    }

    @Test
    void aFileThatIsNotSqliteIsSetAsideAndAFreshDatabaseStarts() throws Exception {
        byte[] garbage = "this is a text file, not a database\n".repeat(300).getBytes();
        Files.write(db(), garbage);
        try (LogCapture log = new LogCapture()) {
            openAndCheck();
            assertSetAsideAndFresh(log.all(), garbage);
            assertThat(log.all()).contains("not an SQLite database");
        }
    }

    @Test
    void aTruncatedFileIsSetAside() throws Exception {
        seed(2000);
        byte[] all = Files.readAllBytes(db());
        byte[] half = Arrays.copyOf(all, all.length / 2 + 100);
        Files.write(db(), half);
        try (LogCapture log = new LogCapture()) {
            openAndCheck();
            assertSetAsideAndFresh(log.all(), half);
        }
    }

    @Test
    void aFileThatFailsQuickCheckIsSetAside() throws Exception {
        seed(2000);
        byte[] bytes = Files.readAllBytes(db());
        // Scribble over the middle of the second page (a b-tree page of the schema's first table).
        try (RandomAccessFile f = new RandomAccessFile(db().toFile(), "rw")) {
            f.seek(4096 + 8);
            f.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x13, 0x37, 0x13, 0x37});
        }
        byte[] damaged = Files.readAllBytes(db());
        assertThat(damaged).isNotEqualTo(bytes);
        try (LogCapture log = new LogCapture()) {
            openAndCheck();
            assertSetAsideAndFresh(log.all(), damaged);
        }
    }

    @Test
    void aStaleWalOfADamagedFileIsSetAsideWithIt() throws Exception {
        Files.write(db(), "not a database".getBytes());
        Files.write(dir.resolve("tickguard.db-wal"), new byte[] {1, 2, 3});
        Database.open(dir).close();
        assertThat(dir.resolve("tickguard.db.bad-wal")).hasBinaryContent(new byte[] {1, 2, 3});
    }

    @Test
    void aDatabaseOfANewerTickguardIsRefusedNotGuessedAt() throws Exception {
        seed(1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db())) {
            Database.exec(c, "PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(DataFolderException.class)
                .hasMessageContaining(db().toString()).hasMessageContaining("newer Tickguard")
                .hasMessageNotContaining("\n");
        assertThat(db()).exists();
    }

    @Test
    void aDatabaseLockedByAnotherProgramStopsTheStartWithOneLine() throws Exception {
        seed(1);
        // Another program (Python's sqlite3, as a user's script would) holds the write lock.
        Process other = new ProcessBuilder("python3", "-c", "import sqlite3,sys,time\n"
                + "c=sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('BEGIN IMMEDIATE')\n"
                + "print('locked', flush=True)\ntime.sleep(60)\n", db().toString()).redirectErrorStream(true).start();
        try {
            assumeTrue(new String(other.getInputStream().readNBytes(6)).equals("locked"), "python3 with sqlite3 needed");
            assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(DataFolderException.class)
                    .hasMessage("cannot use database " + db() + ": it is locked by another program (close the program "
                            + "that has it open, e.g. an sqlite3 shell in a transaction)");
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        Database.open(dir).close(); // the lock gone, it opens as it was
        assertThat(DbAssert.ticks(dir)).containsExactly(1L);
    }

    @Test
    void aReadOnlyDatabaseStopsTheStartWithOneLine() throws Exception {
        seed(1);
        // Root ignores permissions: make the file immutable instead (what a read-only mount does to it).
        assumeTrue(new ProcessBuilder("chattr", "+i", db().toString()).start().waitFor() == 0, "chattr +i needed");
        try {
            assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(DataFolderException.class)
                    .hasMessageStartingWith("cannot use database " + db() + ": it is read-only");
        } finally {
            new ProcessBuilder("chattr", "-i", db().toString()).start().waitFor();
        }
    }
}
