package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.persist.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade of the file-based version's plugin choices ({@code state/plugins.json}): imported into
 * the database once at the first start, the file renamed {@code plugins.json.imported}. Regression
 * (issue 17.8): a damaged file said "(Input length = 1)" and stayed in place; it is set aside with one
 * warning that names the problem, and nothing is imported from it.
 */
class DamagedPluginChoicesAreSetAsideTest {
    @TempDir
    Path dir;

    private Path file() throws Exception {
        return Files.createDirectories(dir.resolve("state")).resolve("plugins.json");
    }

    /** The first start over the folder: opens the database (which imports) and reads the choices. */
    private <T> T firstStart(java.util.function.Function<PluginChoices, T> look, List<String> log) {
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord rec) {
                log.add(rec.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(h);
        try (Database db = Database.open(dir)) {
            return look.apply(PluginChoices.load(db));
        } finally {
            Logger.getLogger("").removeHandler(h);
        }
    }

    @Test
    void aGoodFileIsImportedOnceAndRenamed() throws Exception {
        Files.writeString(file(), "{\"disabled_steps\":[\"curiosity\"],\"quarantined\":{\"weather\":\"hung\"},"
                + "\"approved\":[\"" + "a".repeat(64) + "\"],\"disabled_plugins\":[\"greeter\"]}");
        List<String> log = new CopyOnWriteArrayList<>();
        assertThat(firstStart(PluginChoices::disabledSteps, log)).containsExactly("curiosity");
        assertThat(log).anyMatch(m -> m.contains("imported plugin choices") && m.contains("renamed *.imported"));
        assertThat(file()).doesNotExist();
        assertThat(dir.resolve("state/plugins.json.imported")).exists();

        // The next start reads the database, every kind of choice in it, and imports nothing.
        List<String> again = new CopyOnWriteArrayList<>();
        Supplier<Boolean> all = () -> firstStart(c -> c.stepDisabled("curiosity") && c.pluginDisabled("greeter")
                && "hung".equals(c.quarantineReason("weather")) && c.approved("a".repeat(64)), again);
        assertThat(all.get()).isTrue();
        assertThat(again).noneMatch(m -> m.contains("imported"));
    }

    @Test
    void binaryBytesAreSetAsideWithAClearReason() throws Exception {
        Files.write(file(), new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1});
        List<String> log = new CopyOnWriteArrayList<>();

        assertThat(firstStart(PluginChoices::disabledSteps, log)).isEmpty();

        assertThat(dir.resolve("state/plugins.json.bad")).exists();
        assertThat(file()).doesNotExist();
        assertThat(log).anyMatch(m -> m.contains("plugins.json is damaged (not UTF-8 text)")
                && m.contains("plugin choices start empty")).noneMatch(m -> m.contains("Input length"));
    }

    @Test
    void trailingBytesAndNonObjectsAreDamageToo() throws Exception {
        Files.writeString(file(), "{\"disabled_steps\":[\"x\"]} junk");
        assertThat(firstStart(PluginChoices::disabledSteps, new CopyOnWriteArrayList<>())).isEmpty();
        assertThat(dir.resolve("state/plugins.json.bad")).exists();

        Files.writeString(file(), "[1, 2]");
        assertThat(firstStart(PluginChoices::disabledSteps, new CopyOnWriteArrayList<>())).isEmpty();
        assertThat(dir.resolve("state/plugins.json.bad-2")).exists();
    }

    /** Regression (hostile pass): {"disabled_plugins": "x"} was dropped silently; imported, it is kept aside in the database and read as none. */
    @Test
    void aWrongShapeIsDamageToo() throws Exception {
        Files.writeString(file(), "{\"disabled_plugins\": \"example-weather\"}");
        List<String> log = new CopyOnWriteArrayList<>();
        assertThat((boolean) firstStart(c -> c.pluginDisabled("example-weather"), log)).isFalse();
        assertThat(log).anyMatch(m -> m.contains("damaged (disabled_plugins is not a list of texts)"));
        try (Database db = Database.open(dir)) {
            assertThat(PluginChoicesTest.row(db, "plugin_choices.bad")).isEqualTo("{\"disabled_plugins\":\"example-weather\"}");
        }
    }

    /** A folder that sits where the file was is not imported and not fatal: set aside like a damaged file. */
    @Test
    void aFolderInPlaceOfTheFileIsSetAside() throws Exception {
        Files.createDirectories(file());
        assertThat(firstStart(PluginChoices::disabledSteps, new CopyOnWriteArrayList<>())).isEmpty();
        assertThat(dir.resolve("state/plugins.json.bad")).isDirectory();
    }
}
