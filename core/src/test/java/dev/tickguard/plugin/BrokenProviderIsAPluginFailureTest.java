package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.time.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, defect 2: a plain JAR whose {@code META-INF/services/dev.tickguard.spi.Step} names a
 * missing class, a class that is not a Step, or a Step without a public no-arg constructor is a
 * {@link TickEvent.PluginFailed} with a one-line reason; discovery never throws, and the good JAR
 * next to them loads.
 */
class BrokenProviderIsAPluginFailureTest {
    @TempDir
    Path dir;

    @Test
    void providersThatCannotBeCreatedArePluginFailures() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path work = Files.createDirectories(dir.resolve("work"));
        move(PluginJars.build(work, "good.jar",
                Map.of("com.example.Greeter", PluginJars.step("com.example", "Greeter", "greeter", "")),
                List.of("com.example.Greeter")), plugins);
        move(PluginJars.build(work, "missing.jar",
                Map.of("com.example.Other", "package com.example; public class Other {}"),
                List.of("com.example.Missing")), plugins);
        move(PluginJars.build(work, "notastep.jar",
                Map.of("com.example.NotAStep", "package com.example; public class NotAStep {}"),
                List.of("com.example.NotAStep")), plugins);
        move(PluginJars.build(work, "noctor.jar",
                Map.of("com.example.NeedsArg", PluginJars.step("com.example", "NeedsArg", "needs_arg",
                        "public NeedsArg(String config) { }")),
                List.of("com.example.NeedsArg")), plugins);

        EventBus bus = new EventBus();
        try {
            StepDiscovery discovery = new StepDiscovery(bus, TimeSource.system());
            List<TickEngine.Discovered> found = discovery.fromFolder(plugins);
            assertThat(found).extracting(d -> d.step().id()).containsExactly("greeter");
            assertThat(discovery.failures()).extracting(TickEvent.PluginFailed::source)
                    .contains("missing.jar", "notastep.jar", "noctor.jar");
            assertThat(discovery.failures()).allSatisfy(f -> {
                assertThat(f.reason()).doesNotContain("\n").isNotBlank();
                assertThat(f.reason().length()).isLessThan(400);
            });
            assertThat(discovery.builtIn()).isNotNull(); // the application's own providers still load
        } finally {
            bus.close();
        }
    }

    private static void move(Path jar, Path plugins) throws Exception {
        Files.move(jar, plugins.resolve(jar.getFileName()));
    }
}
