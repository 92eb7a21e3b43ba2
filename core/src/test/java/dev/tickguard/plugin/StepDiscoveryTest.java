package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real plugin JARs in a folder: good ones load, broken ones are reported with a reason, nothing stops. */
class StepDiscoveryTest {
    @TempDir
    Path dir;
    final EventBus bus = new EventBus();
    final List<TickEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void loadsGoodJarsAndReportsBrokenOnes() throws Exception {
        bus.subscribe("test", events::add);
        Path plugins = dir.resolve("plugins");
        java.nio.file.Files.createDirectories(plugins);
        Path work = java.nio.file.Files.createDirectories(dir.resolve("work"));
        java.nio.file.Files.move(PluginJars.build(work, "greeter.jar",
                        Map.of("com.example.Greeter", PluginJars.step("com.example", "Greeter", "greeter", "")),
                        List.of("com.example.Greeter")), plugins.resolve("greeter.jar"));
        java.nio.file.Files.move(PluginJars.build(work, "explodes.jar",
                        Map.of("com.example.Boom", PluginJars.step("com.example", "Boom", "boom",
                                "public Boom() { throw new IllegalStateException(\"no config\"); }")),
                        List.of("com.example.Boom")), plugins.resolve("explodes.jar"));
        java.nio.file.Files.move(PluginJars.build(work, "empty.jar",
                        Map.of("com.example.Nothing", "package com.example; public class Nothing {}"), List.of()),
                plugins.resolve("empty.jar"));
        PluginJars.garbage(plugins.resolve("garbage.jar"));

        StepDiscovery discovery = new StepDiscovery(bus, TimeSource.system());
        List<TickEngine.Discovered> found = discovery.fromFolder(plugins);
        assertThat(discovery.failures()).extracting(TickEvent.PluginFailed::source)
                .containsExactlyInAnyOrder("explodes.jar", "empty.jar", "garbage.jar");

        assertThat(found).extracting(d -> d.step().id()).containsExactly("greeter");
        assertThat(found.get(0).source()).isEqualTo("greeter.jar");
        bus.drain(Duration.ofSeconds(5));
        List<String> failures = events.stream().filter(e -> e instanceof TickEvent.PluginFailed)
                .map(e -> ((TickEvent.PluginFailed) e).source() + ": " + ((TickEvent.PluginFailed) e).reason()).toList();
        assertThat(failures).hasSize(3);
        assertThat(failures).anySatisfy(f -> assertThat(f).startsWith("explodes.jar: step com.example.Boom cannot be created")
                .contains("no config"));
        assertThat(failures).anySatisfy(f -> assertThat(f).startsWith("empty.jar: provides no dev.tickguard.spi.Step"));
        assertThat(failures).anySatisfy(f -> assertThat(f).startsWith("garbage.jar: "));
        assertThat(events).filteredOn(e -> e instanceof TickEvent.PluginLoaded).singleElement()
                .satisfies(e -> {
                    assertThat(((TickEvent.PluginLoaded) e).source()).isEqualTo("greeter.jar");
                    assertThat(((TickEvent.PluginLoaded) e).stepIds()).containsExactly("greeter");
                });
    }

    @Test
    void aPluginStepRunsInATick() throws Exception {
        Path plugins = java.nio.file.Files.createDirectories(dir.resolve("plugins"));
        PluginJars.build(plugins, "greeter.jar",
                Map.of("com.example.Greeter", PluginJars.step("com.example", "Greeter", "greeter", "")),
                List.of("com.example.Greeter"));
        var found = new StepDiscovery(bus, TimeSource.system()).fromFolder(plugins);
        try (TickEngine engine = TickEngine.builder(dev.tickguard.config.TickguardConfig.defaults().withDataDir(dir))
                .bus(bus).withoutDefaultChecks().steps(found).build()) {
            var record = engine.runTick();
            assertThat(record.steps()).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo("greeter");
                assertThat(s.outcome().name()).isEqualTo("SUCCESS");
            });
            assertThat(engine.cache().get("greeter").orElseThrow().value().asText()).isEqualTo("greeter says hi at tick 1");
        }
    }

    @Test
    void missingFolderHasNoPlugins() {
        assertThat(new StepDiscovery(bus, TimeSource.system()).fromFolder(dir.resolve("nope"))).isEmpty();
    }
}
