package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7.7: a data or plugins folder that cannot be used is one sentence with the path and the
 * reason (not a directory, permission denied), exit 2, no stack trace, nothing written.
 */
class DataFolderErrorMessagesTest {
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path dir;

    static void oneClearLine(CliRun r, String expected) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.err().strip()).isEqualTo(expected);
    }

    @Test
    void dataThatIsARegularFile() throws Exception {
        Path f = Files.writeString(dir.resolve("file"), "x");
        oneClearLine(CliRun.oneQuickTick(f.toString()), "tickguard: data folder " + f + " is not a directory");
        assertThat(Files.readString(f)).isEqualTo("x");
    }

    @Test
    void dataBelowARegularFile() throws Exception {
        Path f = Files.writeString(dir.resolve("file"), "x");
        CliRun r = CliRun.oneQuickTick(f.resolve("sub").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("tickguard: cannot create data folder " + f.resolve("sub") + ": ")
                .doesNotContain("Exception");
    }

    @Test
    void dataWhereWeMayNotCreateAFolder() throws Exception {
        if (ROOT) {
            // Root may write anywhere except where the kernel says no: sysfs refuses mkdir.
            assumeTrue(Files.isDirectory(Path.of("/sys/kernel")), "needs /sys");
            Path p = Path.of("/sys/kernel/tickguard-test");
            oneClearLine(CliRun.oneQuickTick(p.toString()),
                    "tickguard: cannot create data folder " + p + ": operation not permitted (" + p + ")");
        } else {
            Path ro = Files.createDirectories(dir.resolve("ro"));
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
            oneClearLine(CliRun.oneQuickTick(ro.resolve("sub").toString()),
                    "tickguard: cannot create data folder " + ro.resolve("sub") + ": permission denied ("
                            + ro.resolve("sub") + ")");
        }
    }

    @Test
    void dataThatExistsButIsNotWritable() throws Exception {
        assumeFalse(ROOT, "root can write into a read-only folder");
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        oneClearLine(CliRun.oneQuickTick(ro.toString()),
                "tickguard: data folder " + ro + " is not writable: permission denied (creating tickguard.lock)");
    }

    @Test
    void pluginsThatIsARegularFile() throws Exception {
        Path f = Files.writeString(dir.resolve("plugins.jar"), "x");
        Path data = dir.resolve("data");
        oneClearLine(CliRun.oneQuickTick(data.toString(), "--plugins", f.toString()),
                "tickguard: plugins folder " + f + " is not a directory");
        assertThat(data.resolve("logs")).doesNotExist();
    }

    @Test
    void aConfigWithSeveralProblemsGivesOneLineEachInLineOrder() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"),
                "tick:\n  interval_sec: 5\n  interval_sec: 6\nbudgets:\n  optional_sec: -1\n");
        CliRun r = CliRun.of("--headless", "--config", config.toString(), "--data", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "tickguard: " + config + ":3: tick.interval_sec: duplicate key (first given at line 2)",
                "tickguard: " + config + ":5: budgets.optional_sec: must be between 0 and 86400 seconds, got -1");
    }

    @Test
    void aBinaryConfig() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.write(config, new byte[] {'#', ' ', 'h', 'i', '\n', (byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        oneClearLine(CliRun.of("--headless", "--config", config.toString()),
                "tickguard: " + config + ": not UTF-8 text at line 2 (is it a binary file?)");
    }
}
