package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 17.3): on a full disk the healthy journal was declared damaged and renamed
 * {@code .bad}, and every tick logged a warning. On a real full file system (a small tmpfs, mounted
 * when the test may; skipped otherwise): the journal stays, the warning is said once, and once
 * space is back the journal goes on, every line whole.
 */
class JournalOnAFullDiskTest {
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

    private static TickEvent tick(long n) {
        TickRecord r = new TickRecord(n, Instant.EPOCH, 5, SystemMode.NORMAL, false, null, null, TickCounts.none(),
                Map.of(), List.of(), 0);
        return new TickEvent.TickFinished(Instant.EPOCH, r);
    }

    @Test
    void aFullDiskNeitherSetsTheJournalAsideNorFloodsTheLog() throws Exception {
        Path m = Files.createDirectories(dir.resolve("small"));
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", m.toString()), "needs root to mount a tmpfs");
        mount = m;
        Path file = m.resolve("logs/ticks.jsonl");
        try (LogCapture log = new LogCapture(); TickJournal journal = new TickJournal(file)) {
            journal.accept(tick(1));
            Files.write(m.resolve("filler"), new byte[60 * 1024 - 2 * 4096]); // what is left is soon used up
            long n = 2;
            for (; n < 400; n++) {
                journal.accept(tick(n));
            }
            assertThat(file).exists();
            assertThat(m.resolve("logs/ticks.jsonl.bad")).doesNotExist();
            assertThat(log.all().lines().filter(l -> l.contains("cannot write journal"))).hasSize(1);

            Files.delete(m.resolve("filler"));
            journal.accept(tick(n));
        }
        List<String> lines = Files.readAllLines(file);
        ObjectMapper json = new ObjectMapper();
        for (String l : lines) {
            assertThat(json.readTree(l).has("tick")).as(l).isTrue();
        }
        assertThat(lines.get(0)).contains("\"tick\":1");
        assertThat(lines.get(lines.size() - 1)).contains("\"tick\":400");
    }
}
