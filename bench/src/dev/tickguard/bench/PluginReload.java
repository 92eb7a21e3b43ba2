package dev.tickguard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.bus.EventBus;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.plugin.PluginRegistry;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;

/**
 * Hot reload, measured on a running engine (one built-in step, a tick every 100 ms, the registry
 * polling every 500 ms as in production): the time from a plugin JAR landing in the folder (the
 * atomic move that completes a copy) to its step starting in a tick, over 20 add/remove rounds; then
 * 100 add/remove cycles and how many of those plugins' class loaders are still alive after GC.
 */
final class PluginReload {
    private PluginReload() {
    }

    static ObjectNode run() throws Exception {
        Path dir = Files.createTempDirectory("tickguard-plugin-reload");
        Path jar = buildProbe(dir.resolve("build"));
        TickguardConfig config = TickguardConfig.defaults().withDataDir(dir.resolve("data"))
                .withTick(t -> t.withInterval(Duration.ofMillis(100)));
        Path plugins = Files.createDirectories(config.pluginsDir());
        EventBus bus = new EventBus();
        LinkedBlockingQueue<Long> started = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Long> loaded = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Long> removed = new LinkedBlockingQueue<>();
        bus.subscribe("bench", e -> {
            long now = System.nanoTime();
            if (e instanceof TickEvent.StepStarted s && s.stepId().equals("probe")) {
                started.add(now);
            } else if (e instanceof TickEvent.PluginStateChanged s && s.state() == PluginState.LOADED) {
                loaded.add(now);
            } else if (e instanceof TickEvent.PluginRemoved) {
                removed.add(now);
            }
        });
        List<TickEngine.Discovered> builtIn = List.of(new TickEngine.Discovered(
                new SleepStep("base", Priority.CRITICAL, Phase.SEQUENTIAL, 10, 0), PluginRegistry.BUILT_IN));
        PluginRegistry registry = new PluginRegistry(config, bus, TimeSource.system(), builtIn);
        TickEngine engine = TickEngine.builder(config).bus(bus).withoutDefaultChecks().steps(registry.start()).build();
        registry.watch(engine);
        engine.start();

        int rounds = 20;
        long[] toLoaded = new long[rounds];
        long[] toRun = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long landed = land(jar, plugins);
            toLoaded[i] = loaded.poll(60, TimeUnit.SECONDS) - landed;
            toRun[i] = next(started, landed) - landed;
            Files.delete(plugins.resolve("probe.jar"));
            removed.poll(60, TimeUnit.SECONDS);
            Thread.sleep(150); // let the tick running at removal end before the next round
            started.clear();
        }

        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        gc();
        long classesBefore = classes.getLoadedClassCount();
        int cycles = 100;
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            land(jar, plugins);
            loaded.poll(60, TimeUnit.SECONDS);
            ClassLoader l = engine.steps().stream().filter(s -> s.id().equals("probe")).findFirst().orElseThrow()
                    .step().getClass().getClassLoader();
            loaders.add(new WeakReference<>(l));
            l = null;
            Files.delete(plugins.resolve("probe.jar"));
            removed.poll(60, TimeUnit.SECONDS);
        }
        gc();
        long alive = loaders.stream().filter(r -> r.get() != null).count();
        long classesAfter = classes.getLoadedClassCount();

        engine.close();
        registry.close();
        bus.close();

        ObjectNode out = Bench.JSON.createObjectNode();
        out.put("poll_ms", PluginRegistry.DEFAULT_POLL.toMillis());
        out.put("tick_interval_ms", 100);
        out.put("rounds", rounds);
        out.put("landing_to_loaded_ms_p50", Bench.quantile(toLoaded, 0.5, 1e6));
        out.put("landing_to_loaded_ms_max", Bench.quantile(toLoaded, 1.0, 1e6));
        out.put("landing_to_step_start_ms_min", Bench.quantile(toRun, 0.0, 1e6));
        out.put("landing_to_step_start_ms_p50", Bench.quantile(toRun, 0.5, 1e6));
        out.put("landing_to_step_start_ms_max", Bench.quantile(toRun, 1.0, 1e6));
        out.put("gc_cycles", cycles);
        out.put("gc_loaders_alive_after_gc", alive);
        out.put("gc_loaded_classes_before", classesBefore);
        out.put("gc_loaded_classes_after", classesAfter);
        out.put("gc_classes_unloaded_total", classes.getUnloadedClassCount());
        return out;
    }

    /** Copies the JAR in as a copy tool would (temp name, then rename) and returns when it landed. */
    private static long land(Path jar, Path plugins) throws Exception {
        Path tmp = plugins.resolve("probe.jar.part");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, plugins.resolve("probe.jar"), StandardCopyOption.ATOMIC_MOVE);
        return System.nanoTime();
    }

    private static long next(LinkedBlockingQueue<Long> q, long after) throws InterruptedException {
        while (true) {
            Long t = q.poll(60, TimeUnit.SECONDS);
            if (t == null) {
                throw new IllegalStateException("the plugin's step never started");
            }
            if (t >= after) {
                return t;
            }
        }
    }

    private static void gc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    private static Path buildProbe(Path work) throws Exception {
        Path src = Files.createDirectories(work.resolve("src/bench/probe"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Files.writeString(src.resolve("Probe.java"), """
                package bench.probe;
                import com.fasterxml.jackson.databind.JsonNode;
                import com.fasterxml.jackson.databind.node.TextNode;
                import dev.tickguard.spi.*;
                import java.time.Duration;
                public class Probe extends BaseStep {
                    public Probe() { super("probe", Priority.OPTIONAL, Phase.PARALLEL, 100, Duration.ofSeconds(1)); }
                    public JsonNode run(StepContext ctx) { return TextNode.valueOf("probe " + ctx.tick()); }
                    public JsonNode safeDefault() { return TextNode.valueOf("none"); }
                }
                """);
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        if (javac.run(System.out, System.err, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("Probe.java").toString()) != 0) {
            throw new IllegalStateException("probe plugin did not compile");
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Tickguard-Plugin-Id", "probe");
        mf.getMainAttributes().putValue("Tickguard-Plugin-Version", "1.0.0");
        mf.getMainAttributes().putValue("Tickguard-SPI-Version", dev.tickguard.spi.SpiVersion.VERSION);
        Path jar = work.resolve("probe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            out.putNextEntry(new JarEntry("bench/probe/Probe.class"));
            Files.copy(classes.resolve("bench/probe/Probe.class"), out);
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/dev.tickguard.spi.Step"));
            out.write("bench.probe.Probe\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
