package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.persist.DataFolder;
import dev.tickguard.persist.DataFolderLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launch path with a window (a child JVM on headless Monocle): the starting frame, then the
 * dashboard, in that order, and exit 0 (what the packaging build's class-data sharing training run
 * and src-packaging/measure-start rely on); a start that fails behind the window still ends with its
 * one line and exit 2, as before the window stopped waiting for the runtime.
 */
class WindowLaunchEndToEndTest {
    private static final List<String> MONOCLE = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dtestfx.headless=true", "-Djava.awt.headless=true");

    @TempDir
    Path dir;

    private Process run(List<String> jvm, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(MONOCLE);
        all.addAll(jvm);
        Process p = ChildTickguard.start(dir.resolve("out.log"), all, List.of(args));
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tickguard did not end: " + Files.readString(dir.resolve("out.log")));
        }
        return p;
    }

    @Test
    void theStartingFrameComesFirstThenTheDashboardAndTheRunEndsCleanly() throws Exception {
        Process p = run(List.of("-D" + FirstFrameExit.PROPERTY + "=true", "-D" + StartupTrace.PROPERTY + "=true"),
                "--simulator", "--interval", "3600", "--data", dir.resolve("data").toString());
        List<String> out = Files.readAllLines(dir.resolve("out.log"));
        assertThat(p.exitValue()).as(String.join("\n", out)).isEqualTo(0);
        int first = indexOf(out, "tickguard: first frame, ");
        int dashboard = indexOf(out, "tickguard: dashboard frame, ");
        assertThat(first).as(String.join("\n", out)).isNotNegative().isLessThan(dashboard);
        // The dashboard is built (seconds of FX work on a loaded machine) only once the starting frame is on screen.
        assertThat(indexOf(out, "tickguard: startup starting frame painted")).as(String.join("\n", out)).isNotNegative()
                .isLessThan(indexOf(out, "tickguard: startup building the dashboard"));
        assertThat(out).noneMatch(l -> l.contains("Exception"));
    }

    @Test
    void aDataFolderInUseBehindTheWindowIsOneLineAndExitTwo() throws Exception {
        Path data = dir.resolve("data");
        try (DataFolderLock held = DataFolderLock.acquire(DataFolder.prepare(data))) {
            Process p = run(List.of(), "--simulator", "--data", data.toString());
            List<String> out = Files.readAllLines(dir.resolve("out.log")).stream()
                    .filter(l -> l.startsWith("tickguard: ")).toList();
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(out).hasSize(1);
            assertThat(out.get(0)).contains(data.toString()).contains("in use");
            assertThat(Files.readString(dir.resolve("out.log"))).doesNotContain("Exception");
        }
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }
}
