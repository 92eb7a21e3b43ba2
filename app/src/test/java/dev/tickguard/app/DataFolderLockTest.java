package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.persist.DataFolder;
import dev.tickguard.persist.DataFolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7.5: one Tickguard per data folder. A second one exits 2 naming the holder (PID, start
 * time); a lock file left by a killed Tickguard (no OS lock behind it) does not block the next
 * start. (KillChildProcessTest checks the refusal across two real processes.)
 */
class DataFolderLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondInstanceExitsTwoNamingTheHolder() {
        try (DataFolderLock held = DataFolderLock.acquire(DataFolder.prepare(dir))) {
            CliRun second = CliRun.oneQuickTick(dir.toString(), "--simulator");
            assertThat(second.exit()).isEqualTo(2);
            assertThat(second.err().lines()).hasSize(1);
            assertThat(second.err()).startsWith("tickguard: data folder " + dir + " is in use by another Tickguard (pid "
                    + ProcessHandle.current().pid() + ", started ").contains("choose another --data folder");
            assertThat(dir.resolve("logs/ticks.jsonl")).doesNotExist();
        }
        // Released: the next start works.
        assertThat(CliRun.oneQuickTick(dir.toString()).exit()).isZero();
    }

    @Test
    void aStaleLockFileFromAKilledProcessDoesNotBlock() throws Exception {
        Files.writeString(dir.resolve("tickguard.lock"), "{\"pid\":999999,\"started_at\":\"2026-01-01T00:00:00Z\"}\n");
        CliRun r = CliRun.oneQuickTick(dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("tickguard.lock"))).contains("\"pid\":" + ProcessHandle.current().pid());
    }

    @Test
    void aLinkInPlaceOfTheLockFileIsNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createSymbolicLink(data.resolve("tickguard.lock"), victim);
        CliRun r = CliRun.oneQuickTick(data.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(data.resolve("tickguard.lock.bad"))).isTrue();
    }
}
