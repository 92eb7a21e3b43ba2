package dev.tickguard.plugin;

import dev.tickguard.bus.EventBus;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.Step;
import dev.tickguard.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the built-in {@link Step} providers on the application's own module or class path. A
 * provider that cannot be created is reported as a {@link TickEvent.PluginFailed} with its reason,
 * and the rest load normally. Plugins in the plugins folder are {@link PluginRegistry}'s.
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
        if (!out.isEmpty()) {
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
