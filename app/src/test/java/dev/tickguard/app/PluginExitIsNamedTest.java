package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.app.exitplugin.ExitingStep;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 17.5): a plugin that called System.exit(77) ended Tickguard with the log saying
 * only "stopping". The exit is still the plugin's to make (no security manager), but the log names
 * the plugin and the tick it cut short is journaled as aborted with that reason.
 */
class PluginExitIsNamedTest {
    @TempDir
    Path dir;

    /** A real plugin JAR holding {@link ExitingStep}, built from the compiled test class. */
    private Path exitingPluginJar(Path plugins) throws Exception {
        String name = ExitingStep.class.getName().replace('.', '/') + ".class";
        Path jar = plugins.resolve("exiting-plugin.jar");
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(f)) {
            out.putNextEntry(new JarEntry(name));
            try (var in = ExitingStep.class.getClassLoader().getResourceAsStream(name)) {
                in.transferTo(out);
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.tickguard.spi.Step"));
            out.write((ExitingStep.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    @Test
    void aPluginThatExitsIsNamedInTheLogAndTheTickIsJournaledAsAborted() throws Exception {
        Path data = dir.resolve("data");
        Path plugins = Files.createDirectories(data.resolve("plugins"));
        exitingPluginJar(plugins);
        Path log = dir.resolve("child.log");

        Process child = ChildTickguard.start(log, List.of("--headless", "--simulator", "--interval", "0",
                "--data", data.toString()));
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ended; its log:%n%s", log).isTrue();

        String out = Files.readString(log);
        assertThat(child.exitValue()).as(out).isEqualTo(77);
        assertThat(out).contains("called System.exit (in " + ExitingStep.class.getName() + ".run)")
                .contains("exiting-plugin.jar");
        List<String> journal = Files.readAllLines(data.resolve("logs/ticks.jsonl"));
        JsonNode last = new ObjectMapper().readTree(journal.get(journal.size() - 1));
        assertThat(last.path("abort_reason").asText()).contains("called System.exit");
    }
}
