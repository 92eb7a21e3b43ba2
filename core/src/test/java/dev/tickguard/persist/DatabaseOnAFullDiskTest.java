package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.health.DatabaseCheck;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 hostile pass D3, now on the database: on a full disk (a small tmpfs, mounted when the test
 * may; skipped otherwise) the ticks' records are kept in memory, not lost; the health check says the
 * data folder cannot be written; one warning, not one per tick; and once space is back every record
 * is written, none lost, the mirror has every line, and the database is sound.
 */
class DatabaseOnAFullDiskTest {
    @TempDir
    Path dir;
    private Path mount;

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    private static TickRecord tick(long n) {
        return new TickRecord(n, Instant.EPOCH.plusSeconds(n), 5, SystemMode.NORMAL, false, null, "x".repeat(4000),
                TickCounts.none(), Map.of(), List.of(), 0);
    }

    @Test
    void aFullDiskKeepsTheRecordsInMemorySaysSoAndWritesThemWhenSpaceReturns() throws Exception {
        Path m = Files.createDirectories(dir.resolve("small"));
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", m.toString()), "needs root to mount a tmpfs");
        mount = m;
        try (LogCapture log = new LogCapture(); Database db = Database.open(m);
             TickJournal mirror = new TickJournal(m.resolve("logs/ticks.jsonl"))) {
            TickWrites w = new TickWrites(db, mirror);
            DatabaseCheck check = new DatabaseCheck(db);
            w.finished(tick(1));
            assertThat(db.flush(10_000)).isTrue();
            assertThat(check.check().healthy()).isTrue();
            // Fill the disk: what is left is soon used up by the next records.
            Path filler = m.resolve("filler");
            try (var out = Files.newOutputStream(filler)) {
                byte[] block = new byte[4096];
                try {
                    while (true) {
                        out.write(block);
                    }
                } catch (java.io.IOException full) {
                    // the disk is full now
                }
            }
            long n = 2;
            for (; n <= 400; n++) {
                w.finished(tick(n));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> db.writeProblem() != null);
            assertThat(check.check().healthy()).isFalse();
            assertThat(check.check().detail()).contains("cannot be written").contains("disk full");
            assertThat(log.all().lines().filter(l -> l.contains("cannot write database"))).hasSize(1);

            Files.delete(filler);
            // Written again within the retry interval, nothing lost.
            await().atMost(Duration.ofSeconds(30)).until(() -> db.writeProblem() == null && db.pendingWrites() == 0);
            assertThat(db.flush(10_000)).isTrue();
            assertThat(check.check().healthy()).isTrue();
            assertThat(db.droppedWrites()).isZero();
        }
        assertThat(DbAssert.ticks(m)).containsExactlyElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
        assertThat(DbAssert.integrity(m)).isEqualTo("ok");
        assertThat(Files.readAllLines(m.resolve("logs/ticks.jsonl"))).hasSize(400);
    }
}
