package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.persist.DataFolder;
import dev.tickguard.persist.DataFolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7.1 (the hang): a start that fails after the simulator's server or the event bus threads
 * were started closes them again, so no non-daemon thread keeps the JVM alive after main returns.
 */
class StartupFailureClosesEverythingTest {
    @TempDir
    Path dir;

    static Set<Thread> liveNonDaemon() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    void assertNoThreadLeftBeyond(Set<Thread> before) {
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(liveNonDaemon().stream()
                .filter(t -> !before.contains(t)).map(Thread::getName).toList()).isEmpty());
    }

    @Test
    void aBadChaosTargetAfterTheSimulatorStartedLeavesNoThread() {
        Set<Thread> before = liveNonDaemon();
        CliRun r = CliRun.of("--headless", "--simulator", "--data", dir.toString(), "--chaos", "hang:nosuch");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertNoThreadLeftBeyond(before);
        // And the data folder's lock was released with everything else.
        DataFolderLock.acquire(new DataFolder(dir)).close();
    }

    @Test
    void aLockedDataFolderWithTheSimulatorLeavesNoThread() {
        try (DataFolderLock held = DataFolderLock.acquire(DataFolder.prepare(dir))) {
            Set<Thread> before = liveNonDaemon();
            CliRun r = CliRun.of("--headless", "--simulator", "--ticks", "1", "--data", dir.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertNoThreadLeftBeyond(before);
        }
    }

    @Test
    void aDamagedFileThatCannotBeSetAsideIsOneLineExitTwoAndNoThread() throws Exception {
        // The journal's folder is a file: the journal cannot be opened, whatever we do.
        Files.writeString(dir.resolve("logs"), "not a folder");
        Set<Thread> before = liveNonDaemon();
        CliRun r = CliRun.of("--headless", "--simulator", "--ticks", "1", "--data", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("tickguard: cannot start: ").contains(dir.resolve("logs").toString())
                .doesNotContain("Exception");
        assertNoThreadLeftBeyond(before);
    }
}
