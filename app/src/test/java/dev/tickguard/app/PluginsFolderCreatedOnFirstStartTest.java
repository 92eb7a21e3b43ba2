package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An installed Tickguard creates the plugins folder in the user's data folder on its first start
 * (the installer cannot: the folder is per user), and says clearly when it cannot.
 */
class PluginsFolderCreatedOnFirstStartTest {
    @TempDir
    Path dir;

    @Test
    void firstStartCreatesThePluginsFolderInTheDataFolder() throws Exception {
        Path data = dir.resolve("fresh-home/.tickguard");
        CommandLine cli = CommandLine.parse(new String[] {"--headless", "--simulator", "--data", data.toString()});
        try (TickguardRuntime rt = TickguardRuntime.create(TickguardRuntime.configFrom(cli), cli)) {
            assertThat(data.resolve("plugins")).isDirectory().isEmptyDirectory();
            assertThat(rt.config.pluginsDir()).isEqualTo(data.resolve("plugins"));
        }
    }

    @Test
    void aFileInTheWayIsOneClearLineAndExitTwo() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("plugins"), "not a folder");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.run(new String[] {"--headless", "--simulator", "--ticks", "1", "--data", data.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("tickguard: cannot create the plugins folder "
                + data.resolve("plugins") + ": a file is in the way (" + data.resolve("plugins") + ")"
                + System.lineSeparator());
        assertThat(data.resolve("logs")).doesNotExist();
    }
}
