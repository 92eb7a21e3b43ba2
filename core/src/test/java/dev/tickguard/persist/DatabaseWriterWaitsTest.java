package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the database's writer thread waits (issue 19, tick overhead): it blocks without a timeout when
 * quiet (it used to wake every 100 ms while idle), close() still ends it, and changes handed over
 * while it looks for them by itself are committed, in order, without anyone waking it.
 */
class DatabaseWriterWaitsTest {
    @TempDir
    Path dir;

    @Test
    void aQuietWriterBlocksWithoutATimeoutSoAnIdleTickguardNeverWakesIt() throws Exception {
        try (Database db = Database.open(dir)) {
            db.submit(c -> Database.exec(c, "INSERT OR REPLACE INTO settings(name, value) VALUES ('a', '1')"));
            assertThat(db.flush(10_000)).isTrue();
            // After the quiet spell it waits on the queue with no timeout (TIMED_WAITING would be a periodic wake-up).
            await().atMost(Duration.ofSeconds(10)).until(() -> db.writerThread().getState() == Thread.State.WAITING);
        }
    }

    @Test
    void closeEndsAWriterThatBlocksWhileQuiet() throws Exception {
        Database db = Database.open(dir);
        Thread writer = db.writerThread();
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.getState() == Thread.State.WAITING);
        db.close();
        assertThat(writer.isAlive()).as("the writer ended with close()").isFalse();
    }

    @Test
    void changesHandedOverOneByOneAreAllCommittedInOrderWithoutAFlush() throws Exception {
        try (Database db = Database.open(dir)) {
            int n = 40;
            CountDownLatch committed = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                int k = i;
                db.submit(new Database.Write() {
                    @Override
                    public void apply(java.sql.Connection c) throws java.sql.SQLException {
                        // Its value is how many were applied before it: equal to k only if applied in order.
                        Database.exec(c, "INSERT INTO settings(name, value) SELECT 'k" + k
                                + "', count(*) FROM settings WHERE name LIKE 'k%'");
                    }

                    @Override
                    public void afterCommit() {
                        committed.countDown();
                    }
                });
                // Spaced out like a tick's steps, so some arrive while the writer looks by itself, some while it sleeps.
                if (k % 4 == 0) {
                    Thread.sleep(k % 8 == 0 ? 2 : 12);
                }
            }
            assertThat(committed.await(30, TimeUnit.SECONDS)).as("every change committed with no flush").isTrue();
            List<String> misplaced = db.read(c -> {
                List<String> out = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT name, value FROM settings WHERE name LIKE 'k%'")) {
                    while (r.next()) {
                        if (!r.getString(1).equals("k" + r.getString(2))) {
                            out.add(r.getString(1) + " applied after " + r.getString(2) + " others");
                        }
                    }
                }
                return out;
            });
            assertThat(misplaced).isEmpty();
        }
    }
}
