package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An installed Tickguard creates the plugins folder in the user's data folder on its first start
 * (the installer cannot: the folder is per user). A file in its way: DataFolderErrorMessagesTest.
 */
class PluginsFolderCreatedOnFirstStartTest {
    @TempDir
    Path dir;

    @Test
    void firstStartCreatesThePluginsFolderInTheDataFolder() throws Exception {
        Path data = dir.resolve("fresh-home/.tickguard");
        RunOptions cli = RunOptions.parse(new String[] {"--headless", "--simulator", "--data", data.toString()});
        try (TickguardRuntime rt = TickguardRuntime.create(TickguardRuntime.configFrom(cli), cli)) {
            assertThat(data.resolve("plugins")).isDirectory().isEmptyDirectory();
            assertThat(rt.config.pluginsDir()).isEqualTo(data.resolve("plugins"));
        }
    }
}
