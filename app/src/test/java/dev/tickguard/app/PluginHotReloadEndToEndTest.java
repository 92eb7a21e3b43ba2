package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.config.TickguardConfig;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SpiVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Tickguard, running, never restarted: the sample plugin (plugins/example-weather, built
 * from its sources here) is copied into an empty plugins folder (its step runs from a later tick),
 * replaced by a new version (the ticks after use it), and deleted (gone).
 */
class PluginHotReloadEndToEndTest {
    static final Path SAMPLE = Path.of("../plugins/example-weather/src/main/java").toAbsolutePath().normalize();

    static final List<String> BUILT_INS_OFF = List.of("semantic_context", "goal_selection", "action", "after_action",
            "curiosity", "self_modification", "belief_system", "contradiction_resolver", "time_perception",
            "social_interaction", "meta_cognition");

    @TempDir
    Path dir;

    record Finished(long tick, List<String> stepIds) {
    }

    @Test
    void addReplaceDeleteTheSamplePluginWithoutRestart() throws Exception {
        Path v1 = buildSample(dir.resolve("v1"), "1.0.0", s -> s);
        Path v2 = buildSample(dir.resolve("v2"), "1.1.0",
                s -> s.replace("JSON.objectNode().put(\"sky\"", "JSON.objectNode().put(\"build\", 2).put(\"sky\""));
        Path config = dir.resolve("roomy.yaml");
        // Only the monologue (which the sample reads) among the built-ins: ticks of a second, not ten.
        StringBuilder yaml = new StringBuilder("budgets: {critical_sec: 120, important_sec: 60, optional_sec: 60}\nsteps:\n");
        for (String id : BUILT_INS_OFF) {
            yaml.append("  ").append(id).append(": {enabled: false}\n");
        }
        Files.writeString(config, yaml.toString());
        Path data = dir.resolve("data");
        RunOptions cli = RunOptions.parse(new String[]{"--headless", "--simulator", "--interval", "0.2",
                "--data", data.toString(), "--config", config.toString()});
        TickguardConfig cfg = TickguardRuntime.configFrom(cli);
        Path plugins = Files.createDirectories(cfg.pluginsDir());

        List<Finished> ticks = new CopyOnWriteArrayList<>();
        List<TickEvent.PluginStateChanged> states = new CopyOnWriteArrayList<>();
        ConcurrentHashMap<String, Long> firstRunNanos = new ConcurrentHashMap<>();
        try (TickguardRuntime rt = TickguardRuntime.create(cfg, cli)) {
            rt.bus.subscribe("e2e", e -> {
                if (e instanceof TickEvent.TickFinished f) {
                    ticks.add(new Finished(f.record().tick(), f.record().steps().stream().map(StepRecord::id).toList()));
                } else if (e instanceof TickEvent.PluginStateChanged s) {
                    states.add(s);
                    firstRunNanos.putIfAbsent("loaded", System.nanoTime());
                } else if (e instanceof TickEvent.StepStarted s && s.stepId().equals("inner_weather")) {
                    firstRunNanos.putIfAbsent("run", System.nanoTime());
                }
            });
            rt.engine.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> ticks.size() >= 2);
            assertThat(ticks).allSatisfy(t -> assertThat(t.stepIds()).hasSize(1).doesNotContain("inner_weather"));

            // Copy the sample in (a plain copy: the registry waits until the file stops changing).
            Files.copy(v1, plugins.resolve("tickguard-example-weather.jar"));
            long landed = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> firstRunNanos.containsKey("run"));
            long ms = (firstRunNanos.get("run") - landed) / 1_000_000;
            System.out.println("[measure] JAR landing -> LOADED: " + (firstRunNanos.get("loaded") - landed) / 1_000_000
                    + " ms, -> its step starting: " + ms + " ms; ticks so far " + ticks);
            await().atMost(Duration.ofSeconds(60)).until(() -> ticks.stream().anyMatch(t -> t.stepIds().contains("inner_weather")));
            Finished first = ticks.stream().filter(t -> t.stepIds().contains("inner_weather")).findFirst().orElseThrow();
            assertThat(first.stepIds()).containsExactly("monologue", "inner_weather");
            assertThat(rt.plugins.find("example-weather")).hasValueSatisfying(s -> {
                assertThat(s.state()).isEqualTo(PluginState.LOADED);
                assertThat(s.version()).isEqualTo("1.0.0");
            });
            assertThat(rt.engine.cache().get("inner_weather").orElseThrow().value().has("build")).isFalse();

            // Replace it with a new version: the ticks after use it.
            Path tmp = plugins.resolve("tickguard-example-weather.jar.part");
            Files.copy(v2, tmp);
            Files.move(tmp, plugins.resolve("tickguard-example-weather.jar"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(60)).until(() -> states.stream().anyMatch(s -> s.version().equals("1.1.0")));
            int after = ticks.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> ticks.size() >= after + 2);
            assertThat(rt.engine.cache().get("inner_weather").orElseThrow().value().path("build").asInt()).isEqualTo(2);

            // Delete it: gone from the ticks after.
            Files.delete(plugins.resolve("tickguard-example-weather.jar"));
            await().atMost(Duration.ofSeconds(60)).until(() -> rt.plugins.find("example-weather").isEmpty());
            int removedAt = ticks.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> ticks.size() >= removedAt + 3);
            // The tick running when the removal was applied may still have had it; the ones after do not.
            assertThat(ticks.subList(removedAt + 1, ticks.size())).allSatisfy(t ->
                    assertThat(t.stepIds()).hasSize(1).doesNotContain("inner_weather"));
            assertThat(states).extracting(TickEvent.PluginStateChanged::version).containsExactly("1.0.0", "1.1.0");
        }
    }

    /** Compiles the sample's sources (patched) and packs them with its manifest and services file. */
    static Path buildSample(Path work, String version, java.util.function.UnaryOperator<String> patch) throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-cp",
                System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path p : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")
                    && !p.getFileName().toString().equals("module-info.java"))::iterator) {
                Path copy = src.resolve(SAMPLE.relativize(p));
                Files.createDirectories(copy.getParent());
                String text = Files.readString(p);
                Files.writeString(copy, patch.apply(text));
                args.add(copy.toString());
            }
        }
        if (ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the sample plugin did not compile");
        }
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Tickguard-Plugin-Id", "example-weather");
        a.putValue("Tickguard-Plugin-Version", version);
        a.putValue("Tickguard-SPI-Version", SpiVersion.VERSION);
        Path jar = work.resolve("tickguard-example-weather.jar");
        Path services = SAMPLE.resolveSibling("resources/META-INF/services/dev.tickguard.spi.Step");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.tickguard.spi.Step"));
            out.write(Files.readString(services).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
