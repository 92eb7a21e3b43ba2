package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.events.PluginState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin step that keeps ignoring its deadline is quarantined, ticks go on, and re-enabling brings it back. */
class QuarantineTest {
    @TempDir
    Path dir;

    @Test
    void stepAbandonedThreeRunsInARowQuarantinesItsPluginUntilReEnabled() throws Exception {
        Path release = dir.resolve("release");
        String path = release.toString().replace("\\", "\\\\");
        try (PluginFixture f = new PluginFixture(dir)) {
            // Ignores interruption and its deadline until the test creates the release file.
            PluginJar.plugin("stubborn", "1.0").source("com.example.Stubborn", PluginJar.stepSource(
                            "com.example.Stubborn", "stubborn", """
                                    static JsonNode hang() {
                                        while (!java.nio.file.Files.exists(java.nio.file.Path.of("%s"))) {
                                            try { Thread.sleep(5); } catch (InterruptedException ignored) { }
                                        }
                                        return TextNode.valueOf("late");
                                    }
                                    public Duration timeout() { return Duration.ofMillis(100); }
                                    """.formatted(path), "hang()").replace(
                            "public Duration timeout() { return Duration.ofSeconds(5); }", ""))
                    .services("com.example.Stubborn").writeTo(f.plugins.resolve("stubborn.jar"));
            f.start();
            for (int i = 0; i < 3; i++) {
                f.tick(); // abandoned, then refused twice while still hung: the ticks go on
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> f.state("stubborn.jar") == PluginState.QUARANTINED);
            assertThat(f.status("stubborn.jar").reason()).isEqualTo("step 'stubborn' was abandoned 3 runs in a row (it "
                    + "ignores its deadline and interruption); fix it, then re-enable the plugin");
            assertThat(f.tick().steps()).extracting(s -> s.id()).containsExactly("heartbeat");

            // Remembered across a restart: a new registry over the same data folder keeps it quarantined.
            try (PluginFixture again = new PluginFixture(dir)) {
                again.start();
                assertThat(again.state("stubborn.jar")).isEqualTo(PluginState.QUARANTINED);
            }

            Files.createFile(release);
            await().until(() -> !f.engine.abandonedThreads().isHung("stubborn"));
            f.registry.enable("stubborn").join();
            assertThat(f.state("stubborn.jar")).isEqualTo(PluginState.LOADED);
            assertThat(f.tick().steps()).extracting(s -> s.id()).contains("stubborn");
        }
    }
}
