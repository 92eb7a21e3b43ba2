package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.persist.DataFolder;
import dev.tickguard.persist.DataFolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM to the real window (a child JVM on headless Monocle) at chosen moments of its start and while
 * it ticks: the process stops quietly, as the user asked: exit 143, no exception or stack trace, the
 * data folder unlocked, and a stopped tick journaled with the signal as its reason (issue 18).
 *
 * <p>Guards two defects. While the toolkit was starting, JavaFX's own shutdown hook disposed it under
 * {@code Application.start}: "Exception in Application start method" and a stack trace. With the
 * dashboard up, the same hook stopped JavaFX's renderer while the FX thread painted the stop's events:
 * a {@code RejectedExecutionException} from {@code QuantumRenderer} (about 2 runs in 10), or a
 * {@code NullPointerException} in {@code GtkApplication._runLoop}. The moments are the start-up trace's
 * own lines, not delays.
 */
class SignalStopsTheWindowQuietlyTest {
    private static final List<String> MONOCLE = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dtestfx.headless=true", "-Djava.awt.headless=true",
            "-D" + StartupTrace.PROPERTY + "=true");
    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    /** The start-up trace line after which the signal is sent: the runtime being created, the toolkit up, the first frame. */
    @ParameterizedTest
    @ValueSource(strings = {"configuration read", "database opened", "toolkit started", "starting frame built"})
    void sigtermWhileTheWindowStartsStopsQuietlyAndUnlocksTheDataFolder(String moment) throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("out.log");
        Process p = ChildTickguard.start(log, MONOCLE, List.of("--simulator", "--interval", "3600", "--data", data.toString()));
        String out = sigtermAfter(p, log, "tickguard: startup " + moment);
        assertQuietStop(p, out);
        // Not left locked: a second Tickguard could start on it.
        try (DataFolderLock again = DataFolderLock.acquire(DataFolder.prepare(data))) {
            assertThat(again).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void sigtermOnTheTickingDashboardStopsQuietlyAndJournalsTheSignal(int round) throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("out.log");
        Process p = ChildTickguard.start(log, MONOCLE, List.of("--simulator", "--interval", "5", "--data", data.toString()));
        // While a tick runs: its steps' events repaint the window as the stop cancels them.
        String out = sigtermAfter(p, log, "Executing");
        assertQuietStop(p, out);
        Map<Long, JsonNode> journal = DbQuery.journal(data);
        assertThat(journal).as(out).isNotEmpty();
        JsonNode last = journal.get(((java.util.TreeMap<Long, JsonNode>) journal).lastKey());
        // The tick names the signal: as its abort_reason, or (when a step outlived the stop's grace and the
        // engine said so instead) on the steps the stop cut off.
        List<String> reasons = new ArrayList<>(List.of(last.path("abort_reason").asText()));
        last.path("steps").forEach(step -> reasons.add(step.path("error").asText()));
        assertThat(reasons).as(last.toString()).contains("stopped by SIGTERM");
    }

    /** Waits for a line starting with (or, for a log line, containing) {@code line}, then sends SIGTERM; returns the whole output. */
    private static String sigtermAfter(Process p, Path log, String line) throws Exception {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!p.isAlive()) {
                    throw new AssertionError("tickguard ended before '" + line + "': " + Files.readString(log));
                }
                return Files.readAllLines(log).stream().anyMatch(l -> l.startsWith(line) || l.contains("] " + line));
            });
            p.destroy(); // SIGTERM
            if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("tickguard did not stop on SIGTERM: " + Files.readString(log));
            }
            return Files.readString(log);
        } finally {
            p.destroyForcibly();
        }
    }

    private static void assertQuietStop(Process p, String out) {
        assertThat(p.exitValue()).as(out).isEqualTo(143);
        List<String> noise = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (l.contains("Exception") || l.contains("Error") || l.startsWith("\tat ")) {
                noise.add(l);
            }
        }
        assertThat(noise).as(out).isEmpty();
    }
}
