package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 (idle cost): with nothing to write, the database's writer thread waits for a change without a
 * timeout. It used to look at its queue every 100 ms, 10 of an idle window's wake-ups a second. Closing
 * still ends it at once.
 */
class IdleDatabaseWriterSleepsTest {
    @TempDir
    Path dir;

    @Test
    void anIdleWriterWaitsWithoutATimeoutAndCloseStillEndsIt() {
        Database db = Database.open(dir);
        AtomicReference<Thread> writer = new AtomicReference<>();
        db.submit(c -> writer.set(Thread.currentThread()));
        assertThat(db.flush(30_000)).isTrue();
        Thread t = writer.get();
        assertThat(t.getName()).isEqualTo("tickguard-db-writer");
        // WAITING (parked until a change arrives), not TIMED_WAITING (a poll that wakes to look again).
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> t.getState() == Thread.State.WAITING);
        db.close();
        assertThat(t.isAlive()).as("close ends the idle writer").isFalse();
    }
}
