package dev.tickguard.plugin;

import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.Step;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds {@link Step} providers. Every source (the built-in steps, each plugin JAR) is loaded inside
 * its own try/catch: a broken JAR or a provider that cannot be created is reported as a
 * {@link TickEvent.PluginFailed} with its reason, and the rest load normally.
 */
public final class StepDiscovery {
    /** The source label of steps found on the application's own module or class path. */
    public static final String BUILT_IN = "built-in";

    private static final int MAX_PROVIDER_FAILURES = 100;

    private final EventBus bus;
    private final TimeSource time;
    private final List<TickEvent.PluginFailed> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    public StepDiscovery(EventBus bus, TimeSource time) {
        this.bus = bus;
        this.time = time;
    }

    /** The steps provided on the application's module path or class path. */
    public List<TickEngine.Discovered> builtIn() {
        ServiceLoader<Step> loader = StepDiscovery.class.getModule().isNamed()
                ? ServiceLoader.load(StepDiscovery.class.getModule().getLayer(), Step.class)
                : ServiceLoader.load(Step.class, StepDiscovery.class.getClassLoader());
        return collect(BUILT_IN, providers(loader, BUILT_IN, p -> true));
    }

    /**
     * The steps in every {@code *.jar} of {@code dir}, sorted by file name. A missing folder has no
     * plugins.
     */
    public List<TickEngine.Discovered> fromFolder(Path dir) {
        List<TickEngine.Discovered> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            failed(dir.toString(), "cannot list the plugins folder: " + e.getMessage());
            return out;
        }
        for (Path jar : jars) {
            out.addAll(fromJar(jar));
        }
        return out;
    }

    /** The steps in one plugin JAR, in a module layer of its own. */
    public List<TickEngine.Discovered> fromJar(Path jar) {
        String source = jar.getFileName().toString();
        try {
            return collect(source, providersInLayer(jar));
        } catch (RuntimeException | LinkageError | ServiceConfigurationError layerFailure) {
            if (!StepDiscovery.class.getModule().isNamed()) {
                // On the class path a modular plugin cannot require dev.tickguard.core; its services file still works.
                try {
                    return collect(source, providersInClassLoader(jar));
                } catch (RuntimeException | LinkageError | ServiceConfigurationError | IOException e) {
                    failed(source, describe(e));
                    return List.of();
                }
            }
            failed(source, describe(layerFailure));
            return List.of();
        }
    }

    private List<ServiceLoader.Provider<Step>> providersInLayer(Path jar) {
        ModuleFinder finder = ModuleFinder.of(jar);
        Set<String> roots = finder.findAll().stream().map(ModuleReference::descriptor).map(d -> d.name())
                .collect(Collectors.toSet());
        if (roots.isEmpty()) {
            throw new IllegalStateException("not a usable JAR (no module could be read from it)");
        }
        ModuleLayer parent = ModuleLayer.boot();
        Configuration cf = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
        ModuleLayer layer = parent.defineModulesWithOneLoader(cf, StepDiscovery.class.getClassLoader());
        return providers(ServiceLoader.load(layer, Step.class), jar.getFileName().toString(),
                p -> p.type().getModule().getLayer() == layer);
    }

    private List<ServiceLoader.Provider<Step>> providersInClassLoader(Path jar) throws IOException {
        URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, StepDiscovery.class.getClassLoader());
        return providers(ServiceLoader.load(Step.class, loader), jar.getFileName().toString(),
                p -> p.type().getClassLoader() == loader);
    }

    /**
     * The providers a loader finds, one at a time: a provider that cannot even be looked at (its
     * class is missing, is not a {@link Step}, cannot be loaded) throws {@link ServiceConfigurationError}
     * from the iteration itself; it is reported and the iteration goes on with the next one.
     */
    private List<ServiceLoader.Provider<Step>> providers(ServiceLoader<Step> loader, String source,
                                                         java.util.function.Predicate<ServiceLoader.Provider<Step>> mine) {
        List<ServiceLoader.Provider<Step>> out = new ArrayList<>();
        java.util.Spliterator<ServiceLoader.Provider<Step>> it = loader.stream().spliterator();
        // Bounded: a broken loader that kept failing on the same entry must not spin forever.
        for (int failures = 0; failures < MAX_PROVIDER_FAILURES; ) {
            try {
                if (!it.tryAdvance(p -> {
                    if (mine.test(p)) {
                        out.add(p);
                    }
                })) {
                    break;
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                failures++;
                failed(source, describe(e));
            }
        }
        return out;
    }

    private List<TickEngine.Discovered> collect(String source, List<ServiceLoader.Provider<Step>> providers) {
        List<TickEngine.Discovered> out = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ServiceLoader.Provider<Step> p : providers) {
            try {
                Step s = p.get();
                out.add(new TickEngine.Discovered(s, source));
                ids.add(s.id());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failed(source, "step " + p.type().getName() + " cannot be created: " + describe(e));
            }
        }
        if (providers.isEmpty() && !BUILT_IN.equals(source)) {
            failed(source, "provides no " + Step.class.getName() + " (add a 'provides' clause or "
                    + "META-INF/services/" + Step.class.getName() + ")");
        } else if (!out.isEmpty()) {
            bus.publish(new TickEvent.PluginLoaded(time.now(), source, ids));
        }
        return out;
    }

    private void failed(String source, String reason) {
        TickEvent.PluginFailed e = new TickEvent.PluginFailed(time.now(), source, reason);
        failures.add(e);
        bus.publish(e);
    }

    /**
     * Every load failure so far: a view (such as the dashboard's plugin list) that subscribes after
     * discovery still sees them.
     */
    public List<TickEvent.PluginFailed> failures() {
        return List.copyOf(failures);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = root == e ? msg : msg + " (" + root + ")";
        return line.replaceAll("\\s*\\R\\s*", " "); // one line, whatever the message was
    }
}
