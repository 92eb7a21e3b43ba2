package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 17.8): a damaged plugins.json said "(Input length = 1)" and stayed in place; it
 * is set aside like every other damaged state file, with a warning that names the problem.
 */
class DamagedPluginChoicesAreSetAsideTest {
    @TempDir
    Path dir;

    private List<String> warnings(Runnable r) {
        List<String> out = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord rec) {
                out.add(rec.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(h);
        try {
            r.run();
        } finally {
            Logger.getLogger("").removeHandler(h);
        }
        return out;
    }

    @Test
    void binaryBytesAreSetAsideWithAClearReason() throws Exception {
        Path file = dir.resolve("plugins.json");
        Files.write(file, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1});

        List<String> log = warnings(() -> assertThat(PluginChoices.load(file).disabledSteps()).isEmpty());

        assertThat(dir.resolve("plugins.json.bad")).exists();
        assertThat(file).doesNotExist();
        assertThat(log).anyMatch(m -> m.contains("plugins.json is damaged (not JSON")
                && m.contains("plugin choices start empty")).noneMatch(m -> m.contains("Input length"));
    }

    @Test
    void trailingBytesAndNonObjectsAreDamageToo() throws Exception {
        Path file = dir.resolve("plugins.json");
        Files.writeString(file, "{\"disabled_steps\":[\"x\"]} junk");
        assertThat(PluginChoices.load(file).disabledSteps()).isEmpty();
        assertThat(dir.resolve("plugins.json.bad")).exists();

        Files.writeString(file, "[1, 2]");
        assertThat(PluginChoices.load(file).disabledSteps()).isEmpty();
        assertThat(dir.resolve("plugins.json.bad-2")).exists();
    }

    @Test
    void aGoodFileStillLoads() throws Exception {
        Path file = dir.resolve("plugins.json");
        Files.writeString(file, "{\"disabled_steps\":[\"curiosity\"]}");
        assertThat(PluginChoices.load(file).disabledSteps()).containsExactly("curiosity");
        assertThat(file).exists();
    }

    /** Regression (hostile pass): {"disabled_plugins": "x"} was dropped silently, {"quarantined": {"x": 5}} read as "5". */
    @Test
    void aWrongShapeIsDamageToo() throws Exception {
        Path file = dir.resolve("plugins.json");
        Files.writeString(file, "{\"disabled_plugins\": \"example-weather\"}");
        List<String> log = warnings(() -> assertThat(PluginChoices.load(file).pluginDisabled("example-weather")).isFalse());
        assertThat(log).anyMatch(m -> m.contains("damaged (disabled_plugins is not a list of texts)"));
        assertThat(dir.resolve("plugins.json.bad")).exists();

        Files.writeString(file, "{\"quarantined\": {\"example-weather\": 5}}");
        assertThat(PluginChoices.load(file).quarantineReason("example-weather")).isNull();
        assertThat(dir.resolve("plugins.json.bad-2")).exists();
    }
}
