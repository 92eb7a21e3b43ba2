package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder's settling rule alone: a change counts once the files look the same on two looks in a row. */
class PluginFolderTest {
    @TempDir
    Path dir;

    final PluginFolder folder = new PluginFolder(Path.of("plugins"));
    /** What the files look like "now", by name: the test changes it between looks. */
    final Map<String, String> prints = new HashMap<>();

    static PluginSource source(String name) {
        Path p = Path.of("plugins", name);
        return new PluginSource(name, p, p, List.of(), null);
    }

    PluginFolder.Look look(Map<String, String> applied, boolean initial, String... names) {
        List<PluginSource> found = java.util.Arrays.stream(names).map(PluginFolderTest::source).toList();
        return folder.compare(found, s -> prints.get(s.name()), applied, initial);
    }

    static PluginFolder.Change change(PluginFolder.Look look, String name) {
        return look.present().stream().filter(f -> f.source().name().equals(name)).findFirst().orElseThrow().change();
    }

    @Test
    void aNewFileIsAppliedOnlyOnceItLooksTheSameTwiceInARow() {
        prints.put("g.jar", "half");
        assertThat(change(look(Map.of(), false, "g.jar"), "g.jar")).isEqualTo(PluginFolder.Change.CHANGING);
        prints.put("g.jar", "whole");
        assertThat(change(look(Map.of(), false, "g.jar"), "g.jar")).isEqualTo(PluginFolder.Change.CHANGING);
        PluginFolder.Look settled = look(Map.of(), false, "g.jar");
        assertThat(change(settled, "g.jar")).isEqualTo(PluginFolder.Change.SETTLED);
        assertThat(settled.present().get(0).print()).isEqualTo("whole");
    }

    @Test
    void atStartEveryFileIsTakenAsItIs() {
        prints.put("g.jar", "p1");
        assertThat(change(look(Map.of(), true, "g.jar"), "g.jar")).isEqualTo(PluginFolder.Change.SETTLED);
    }

    @Test
    void anAppliedFileThatDidNotChangeIsTheSame() {
        prints.put("g.jar", "p1");
        assertThat(change(look(Map.of("g.jar", "p1"), false, "g.jar"), "g.jar")).isEqualTo(PluginFolder.Change.SAME);
        assertThat(change(look(Map.of("g.jar", "p1"), true, "g.jar"), "g.jar")).isEqualTo(PluginFolder.Change.SAME);
    }

    @Test
    void aReplacedFileWaitsForOneQuietLookEvenIfItWasSeenBefore() {
        prints.put("g.jar", "v1");
        look(Map.of(), false, "g.jar");
        look(Map.of(), false, "g.jar"); // v1 settled and applied
        Map<String, String> applied = Map.of("g.jar", "v1");
        prints.put("g.jar", "v2");
        assertThat(change(look(applied, false, "g.jar"), "g.jar")).isEqualTo(PluginFolder.Change.CHANGING);
        assertThat(change(look(applied, false, "g.jar"), "g.jar")).isEqualTo(PluginFolder.Change.SETTLED);
    }

    @Test
    void appliedPluginsMissingFromTheFolderAreGoneInTheOrderGiven() {
        prints.put("b.jar", "b");
        Map<String, String> applied = new LinkedHashMap<>();
        applied.put("a.jar", "a");
        applied.put("b.jar", "b");
        applied.put("c.jar", "c");
        PluginFolder.Look look = look(applied, false, "b.jar");
        assertThat(look.gone()).containsExactly("a.jar", "c.jar");
        assertThat(look.names()).containsExactly("b.jar");
    }

    @Test
    void aFileThatComesBackAfterLeavingWaitsAgain() {
        prints.put("g.jar", "v1");
        look(Map.of(), false, "g.jar");
        look(Map.of(), false, "g.jar");
        look(Map.of("g.jar", "v1"), false); // removed: forgotten
        assertThat(change(look(Map.of(), false, "g.jar"), "g.jar")).isEqualTo(PluginFolder.Change.CHANGING);
    }

    @Test
    void aRealFolderIsListedWithPrintsThatChangeWithTheFile() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJar.garbage(plugins.resolve("g.jar"));
        PluginJar.garbage(plugins.resolve("g.jar.part"));
        PluginFolder real = new PluginFolder(plugins);
        PluginFolder.Look first = real.look(Map.of(), false);
        assertThat(first.present()).extracting(f -> f.source().name()).containsExactly("g.jar");
        assertThat(real.look(Map.of(), false).present().get(0).change()).isEqualTo(PluginFolder.Change.SETTLED);

        Files.write(plugins.resolve("g.jar"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        PluginFolder.Look grown = real.look(Map.of("g.jar", first.present().get(0).print()), false);
        assertThat(grown.present().get(0).change()).isEqualTo(PluginFolder.Change.CHANGING);
    }
}
