package dev.tickguard.plugin;

import dev.tickguard.events.PluginInfo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.config.StepOverride;
import dev.tickguard.events.PluginState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start(PluginContext) and close() hooks under a time limit, and the step's own settings. */
class PluginLifecycleTest {
    @TempDir
    Path dir;

    /** A step whose start reads settings.greeting (required) and writes start/close marks to its sandbox. */
    static PluginJar politeStep(String startBody) {
        return PluginJar.plugin("polite", "1.0").source("com.example.Polite", PluginJar.stepSource("com.example.Polite",
                "polite", """
                        volatile String greeting;
                        public void start(PluginContext ctx) throws Exception {
                            %s
                        }
                        public void close() throws Exception {
                            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))
                                    .resolve("unused"), ""); // touches nothing of Tickguard
                        }
                        """.formatted(startBody), "TextNode.valueOf(greeting + \" \" + ctx.settings().path(\"name\").asText())"))
                .services("com.example.Polite");
    }

    @Test
    void startSeesItsSettingsAndRunSeesThemToo() throws Exception {
        ObjectNode settings = JsonNodeFactory.instance.objectNode().put("greeting", "hello").put("name", "world");
        try (PluginFixture f = new PluginFixture(dir, c -> c.withSteps(Map.of("polite", new StepOverride(null, null, null, settings))))) {
            politeStep("""
                    if (!ctx.settings().path("greeting").isTextual()) {
                        throw new IllegalArgumentException("settings.greeting must be a text");
                    }
                    greeting = ctx.settings().get("greeting").asText();
                    java.nio.file.Files.writeString(ctx.sandbox().resolve("started"), ctx.stepId());
                    ctx.logger().log(System.Logger.Level.INFO, "started");
                    """).writeTo(f.plugins.resolve("polite.jar"));
            f.start();
            f.tick();
            assertThat(f.state("polite.jar")).isEqualTo(PluginState.LOADED);
            assertThat(f.output("polite")).isEqualTo("hello world");
            assertThat(Files.readString(f.data.resolve("sandbox/polite/started"))).isEqualTo("polite");
            // Its settings belong to a plugin's step: not reported as an override of an unknown step.
            f.stateEvents();
            assertThat(f.events).noneMatch(e -> e instanceof dev.tickguard.events.TickEvent.Notice n
                    && n.message().contains("no known step"));
        }
    }

    @Test
    void startThatRefusesItsSettingsFailsThePluginWithItsMessage() throws Exception {
        try (PluginFixture f = new PluginFixture(dir)) {
            politeStep("""
                    if (!ctx.settings().path("greeting").isTextual()) {
                        throw new IllegalArgumentException("settings.greeting must be a text, got " + ctx.settings().path("greeting"));
                    }
                    """).writeTo(f.plugins.resolve("polite.jar"));
            f.start();
            f.tick();
            PluginInfo s = f.status("polite.jar");
            assertThat(s.state()).isEqualTo(PluginState.FAILED);
            assertThat(s.reason()).isEqualTo("start() of step 'polite' failed: settings.greeting must be a text, got ");
        }
    }

    @Test
    void startThatHangsFailsAfterTheHookTimeout() throws Exception {
        try (PluginFixture f = new PluginFixture(dir, c -> c.with(c.plugins().withHookTimeout(Duration.ofMillis(200))))) {
            politeStep("new java.util.concurrent.CountDownLatch(1).await();").writeTo(f.plugins.resolve("polite.jar"));
            f.start();
            f.tick();
            PluginInfo s = f.status("polite.jar");
            assertThat(s.state()).isEqualTo(PluginState.FAILED);
            assertThat(s.reason()).isEqualTo("start() of step 'polite' did not return within 200 ms (plugins.hook_timeout_sec)");
        }
    }

    @Test
    void closeRunsWhenThePluginIsRemoved() throws Exception {
        try (PluginFixture f = new PluginFixture(dir)) {
            Path closed = dir.resolve("closed");
            PluginJar.plugin("tidy", "1.0").source("com.example.Tidy", PluginJar.stepSource("com.example.Tidy", "tidy",
                    "public void close() throws Exception { java.nio.file.Files.createFile(java.nio.file.Path.of(\""
                            + closed.toString().replace("\\", "\\\\") + "\")); }", "TextNode.valueOf(\"ok\")"))
                    .services("com.example.Tidy").writeTo(f.plugins.resolve("tidy.jar"));
            f.start();
            f.tick();
            assertThat(closed).doesNotExist();
            Files.delete(f.plugins.resolve("tidy.jar"));
            f.settle();
            assertThat(closed).exists();
            assertThat(f.tick().steps()).extracting(s -> s.id()).containsExactly("heartbeat");
        }
    }
}
