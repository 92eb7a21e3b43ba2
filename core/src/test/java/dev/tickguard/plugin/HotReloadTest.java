package dev.tickguard.plugin;

import dev.tickguard.events.PluginInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.events.PluginState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding, replacing and removing plugins while Tickguard runs: applied between ticks, never half-written. */
class HotReloadTest {
    @TempDir
    Path dir;
    PluginFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new PluginFixture(dir).start();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void addReplaceRemoveTakeEffectFromTheNextTick() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path v1 = PluginJar.plugin("greeter", "1.0.0").step("com.example.Greeter", "greeter", "",
                "TextNode.valueOf(\"v1\")").services("com.example.Greeter").writeTo(work.resolve("v1.jar"));
        Path v2 = PluginJar.plugin("greeter", "2.0.0").step("com.example.Greeter", "greeter", "",
                "TextNode.valueOf(\"v2\")").services("com.example.Greeter").writeTo(work.resolve("v2.jar"));
        assertThat(f.tick().steps()).extracting(s -> s.id()).containsExactly("heartbeat");

        Files.copy(v1, f.plugins.resolve("greeter.jar"));
        f.settle();
        assertThat(f.step(f.tick(), "greeter")).isPresent();
        assertThat(f.output("greeter")).isEqualTo("v1");

        Files.copy(v2, f.plugins.resolve("greeter.jar"), StandardCopyOption.REPLACE_EXISTING);
        f.settle();
        assertThat(f.status("greeter.jar").version()).isEqualTo("2.0.0");
        f.tick();
        assertThat(f.output("greeter")).isEqualTo("v2");

        Files.delete(f.plugins.resolve("greeter.jar"));
        f.settle();
        assertThat(f.tick().steps()).extracting(s -> s.id()).containsExactly("heartbeat");
        assertThat(f.registry.list()).extracting(PluginInfo::source).containsExactly(PluginRegistry.BUILT_IN);
        f.stateEvents();
        assertThat(f.events).filteredOn(e -> e instanceof TickEvent.PluginRemoved).hasSize(1);
        assertThat(f.stateEvents()).extracting(TickEvent.PluginStateChanged::version).containsExactly("1.0.0", "2.0.0");
    }

    @Test
    void aFileStillBeingWrittenIsNotLoadedUntilItStaysTheSame() throws Exception {
        Path jar = PluginJar.plugin("greeter", "1.0.0").step("com.example.Greeter", "greeter")
                .writeTo(dir.resolve("greeter.jar"));
        byte[] bytes = Files.readAllBytes(jar);
        Path target = f.plugins.resolve("greeter.jar");
        Files.write(target, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        f.registry.rescan().join();
        assertThat(f.registry.list()).hasSize(1); // seen once: not trusted yet
        Files.write(target, bytes); // the copy goes on
        f.registry.rescan().join();
        assertThat(f.registry.list()).hasSize(1); // changed since the last look: still waiting
        f.registry.rescan().join();
        assertThat(f.state("greeter.jar")).isEqualTo(PluginState.LOADED);
        assertThat(f.stateEvents()).extracting(TickEvent.PluginStateChanged::state).containsExactly(PluginState.LOADED);
    }

    @Test
    void temporaryNamesAreIgnored() throws Exception {
        PluginJar.garbage(f.plugins.resolve("greeter.jar.part"));
        PluginJar.garbage(f.plugins.resolve(".greeter.jar"));
        PluginJar.garbage(f.plugins.resolve("greeter.jar.crdownload"));
        PluginJar.garbage(f.plugins.resolve("greeter.jar~"));
        f.settle();
        assertThat(f.registry.list()).extracting(PluginInfo::source).containsExactly(PluginRegistry.BUILT_IN);
    }

    @Test
    void aChangeAppliesFromTheNextTickNeverInsideTheRunningOne() throws Exception {
        Path release = dir.resolve("release");
        Path closed = dir.resolve("closed");
        String r = release.toString().replace("\\", "\\\\");
        String c = closed.toString().replace("\\", "\\\\");
        // Roomy: the held step must not time out however slow the machine is.
        f.close();
        f = new PluginFixture(dir.resolve("roomy"), cfg -> cfg.withSteps(java.util.Map.of("slow",
                new dev.tickguard.config.StepOverride(Duration.ofMinutes(5), dev.tickguard.spi.Priority.CRITICAL, null)))).start();
        // A plugin step that holds its tick open until the test lets it go, and marks its close().
        PluginJar.plugin("slow", "1.0").source("com.example.Slow", PluginJar.stepSource("com.example.Slow", "slow", """
                        static JsonNode waitFor(java.nio.file.Path p) throws InterruptedException {
                            while (!java.nio.file.Files.exists(p)) { Thread.sleep(5); }
                            return TextNode.valueOf("released");
                        }
                        public void close() throws Exception {
                            java.nio.file.Files.createFile(java.nio.file.Path.of("%s"));
                        }
                        """.formatted(c), "waitFor(java.nio.file.Path.of(\"" + r + "\"))"))
                .services("com.example.Slow").writeTo(f.plugins.resolve("slow.jar"));
        f.settle();
        PluginJar.plugin("greeter", "1.0").step("com.example.Greeter", "greeter").writeTo(dir.resolve("greeter.jar"));

        CompletableFuture<TickRecord> running = CompletableFuture.supplyAsync(f::tick);
        await().until(() -> f.engine.cache().get("heartbeat").isPresent()); // the tick is inside its steps
        Files.move(dir.resolve("greeter.jar"), f.plugins.resolve("greeter.jar"));
        Files.delete(f.plugins.resolve("slow.jar"));
        f.settle(); // returns while the tick still runs: a change never waits for a tick
        assertThat(running).isNotDone();
        assertThat(f.state("greeter.jar")).isEqualTo(PluginState.LOADED);
        assertThat(closed).doesNotExist(); // slow's step is still running in this tick

        Files.createFile(release);
        TickRecord during = running.join();
        assertThat(during.steps()).extracting(s -> s.id()).containsExactlyInAnyOrder("heartbeat", "slow");
        await().until(() -> Files.exists(closed)); // closed once its last tick ended
        assertThat(f.tick().steps()).extracting(s -> s.id()).containsExactlyInAnyOrder("heartbeat", "greeter");
    }

    @Test
    void removedPluginsLoadersAreCollected() throws Exception {
        Path jar = PluginJar.plugin("greeter", "1.0").step("com.example.Greeter", "greeter").writeTo(dir.resolve("g.jar"));
        java.util.List<java.lang.ref.WeakReference<ClassLoader>> loaders = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Files.copy(jar, f.plugins.resolve("greeter.jar"));
            f.registry.rescan().join();
            f.registry.rescan().join();
            ClassLoader loader = f.engine.steps().stream().filter(s -> s.id().equals("greeter")).findFirst()
                    .orElseThrow().step() instanceof dev.tickguard.engine.DescribedStep d ? d.plugin().getClass()
                    .getClassLoader() : null; // the plugin's own instance, behind its descriptors read at load
            assertThat(loader).isInstanceOf(java.net.URLClassLoader.class);
            loaders.add(new java.lang.ref.WeakReference<>(loader));
            loader = null;
            if (i % 10 == 0) {
                f.tick(); // its step runs now and then: running must not pin it either
            }
            Files.delete(f.plugins.resolve("greeter.jar"));
            f.registry.rescan().join();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            return loaders.stream().filter(r -> r.get() != null).count() == 0;
        });
    }
}
