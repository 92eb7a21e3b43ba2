package dev.tickguard.plugin;

import dev.tickguard.config.PluginSettings;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.events.PluginInfo;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.bus.EventBus;
import dev.tickguard.persist.Database;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The plugins folder, live: every plugin in it, its state ({@link PluginState}), and the steps the
 * engine runs. A plugin that appears, changes or disappears is applied from the next tick, never
 * inside one, once its files have stayed the same for one poll (so a JAR still being copied is not
 * loaded half-written). A replaced or removed plugin's {@code close()} hooks run after its last tick
 * and its class loader is released. Nothing here ever waits for a tick.
 *
 * <p>Rules, applied on every change:
 * <ul>
 *   <li>A step id of a built-in step can never be taken: such a plugin is FAILED.</li>
 *   <li>Two plugins with the same plugin id or a common step id: the higher version wins (same
 *       version: the first file name in alphabetical order); the other is FAILED naming the winner.</li>
 *   <li>Disabled (config {@code plugins.disabled} or {@link #disable}): DISABLED, no code runs.
 *       Quarantined (a step abandoned {@code plugins.quarantine_after} runs in a row): QUARANTINED
 *       until {@link #enable}. Under {@code plugins.trust: pinned} a JAR whose SHA-256 is not approved
 *       is DISABLED, no code runs, until {@link #approve}.</li>
 * </ul>
 * The user's run-time choices are remembered in the database (settings row {@code plugin_choices}). Every state change
 * is a {@link TickEvent.PluginStateChanged} (and a log line through the log listener).
 *
 * <p>This class only wires the parts and is the package's public face: {@code FolderWatch} says
 * when to look, {@code PluginSync} applies each look with {@code PluginFolder}, {@code PluginLifecycle},
 * {@code PluginGate} and {@code DuplicateResolver}; {@code PluginChoices} remembers the user's choices,
 * {@code QuarantineWatch} spots steps to quarantine, {@code PluginSnapshot} is what readers see (see
 * the package documentation, also for the threads).
 *
 * <p>Thread-safe. All work happens on the plugin manager thread ({@code tickguard-plugins}); the
 * queries read an immutable snapshot and never wait, and the changing methods return a future that
 * completes once the change is applied.
 */
public final class PluginRegistry implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(PluginRegistry.class.getName());
    /** The id and source of the plugin standing for the steps shipped with Tickguard. */
    public static final String BUILT_IN = StepDiscovery.BUILT_IN;
    /** How often the folder is looked at, unless given. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(500);

    private final Path dir;
    private final Duration poll;
    private final boolean notified;
    private final Duration hookTimeout;
    private final EventBus bus;
    private final ManagerThread manager = new ManagerThread();
    private final PluginChoices choices;
    private final PluginGate gate;
    private final PluginSnapshot snapshot;
    private final PluginSync sync;
    private final QuarantineWatch quarantine;
    // Set by watch(), read by close(), which may run on another thread.
    private volatile FolderWatch folderWatch;
    private volatile EventBus.Subscription subscription;
    private final List<TickEngine.Discovered> builtIns;
    // What start() returned, the steps the engine is built with; set before watch() reads it.
    private volatile List<TickEngine.Discovered> startedWith;

    /**
     * A registry that looks at the folder every {@code poll}, with no change notification (tests use a
     * long poll and look themselves with {@link #rescan()}).
     *
     * @param builtIns the steps shipped with Tickguard
     * @param poll how often to look at the folder
     */
    public PluginRegistry(TickguardConfig config, EventBus bus, TimeSource time, List<TickEngine.Discovered> builtIns,
                          Duration poll) {
        this(config, bus, time, builtIns, poll, false, null);
    }

    /** As {@link #PluginRegistry(TickguardConfig, EventBus, TimeSource, List, Duration)}, remembering choices in {@code db}. */
    public PluginRegistry(TickguardConfig config, EventBus bus, TimeSource time, List<TickEngine.Discovered> builtIns,
                          Duration poll, Database db) {
        this(config, bus, time, builtIns, poll, false, db);
    }

    /**
     * The registry Tickguard runs: it looks when the operating system reports a change to the folder
     * (then every {@link #DEFAULT_POLL} until it has settled), or every {@link #DEFAULT_POLL} where
     * there is no such notification.
     */
    public PluginRegistry(TickguardConfig config, EventBus bus, TimeSource time, List<TickEngine.Discovered> builtIns,
                          Database db) {
        this(config, bus, time, builtIns, DEFAULT_POLL, true, db);
    }

    /** As the one above, the user's choices kept in memory only (a remote worker: it has no database). */
    public PluginRegistry(TickguardConfig config, EventBus bus, TimeSource time, List<TickEngine.Discovered> builtIns) {
        this(config, bus, time, builtIns, DEFAULT_POLL, true, null);
    }

    /**
     * @param builtIns the steps shipped with Tickguard
     * @param poll how often to look at the folder while something in it changes
     * @param notified true: look when the operating system reports a change (and every
     *     {@code FolderWatch.IDLE_LOOK} as a safety net) instead of every {@code poll}
     * @param db where the user's choices are remembered, or null to keep them in memory only
     */
    PluginRegistry(TickguardConfig config, EventBus bus, TimeSource time, List<TickEngine.Discovered> builtIns,
                   Duration poll, boolean notified, Database db) {
        // Config is read here once (only StepHooks reads a step's settings later), so a reshaped
        // config.yaml record touches this constructor and not the parts.
        PluginSettings settings = config.plugins();
        this.dir = config.pluginsDir();
        this.poll = poll;
        this.notified = notified;
        this.hookTimeout = settings.hookTimeout();
        this.builtIns = List.copyOf(builtIns);
        this.bus = bus;
        this.choices = PluginChoices.load(db);
        this.gate = new PluginGate(settings, config.source(), choices);
        PluginLoader loader = new PluginLoader(new SpiOnlyClassLoader(PluginRegistry.class.getClassLoader()),
                hookTimeout);
        PluginLifecycle lifecycle = new PluginLifecycle(loader, gate, config, hookTimeout, bus, time);
        DuplicateResolver resolver = new DuplicateResolver(builtIns.stream().map(d -> d.step().id())
                .collect(Collectors.toSet()));
        this.snapshot = new PluginSnapshot(builtIns, bus, time);
        this.sync = new PluginSync(new PluginFolder(dir), lifecycle, resolver, choices, snapshot, builtIns, manager,
                bus, time);
        this.quarantine = new QuarantineWatch(settings.quarantineAfter(), this::quarantineStep);
    }

    // ------------------------------------------------------------------ life

    /**
     * Loads every plugin in the folder now (without waiting for files to settle: at start nobody is
     * expected to be copying) and returns the steps to build the engine with: the built-in steps
     * and those of every LOADED plugin, minus the steps disabled through {@link #disableStep}.
     */
    public List<TickEngine.Discovered> start() {
        List<TickEngine.Discovered> steps = manager.call(() -> sync.pass(true), managerWait(), () -> {
            LOG.warning("[Plugins] the plugins are still loading: Tickguard starts with the built-in steps, and "
                    + "the plugins' steps join once they have loaded");
            return builtIns;
        });
        startedWith = steps;
        return steps;
    }

    /**
     * How long a caller waits for the manager thread: every call of plugin code on it has its own
     * hook limit, so this only bounds many slow plugins in a row (or a bug), never a normal change.
     */
    private Duration managerWait() {
        return hookTimeout.multipliedBy(4).plusSeconds(10);
    }

    /**
     * From now on, watches the folder and hands every change to {@code engine} (built with the steps
     * {@link #start()} returned), and quarantines plugins whose steps it keeps abandoning.
     */
    public void watch(TickEngine engine) {
        Objects.requireNonNull(engine, "engine");
        List<TickEngine.Discovered> builtWith = startedWith;
        manager.call(() -> {
            sync.engine(engine, builtWith);
            return null;
        }, managerWait(), () -> null); // past the wait, the engine is handed over once the manager is free
        subscription = bus.subscribe("plugins-quarantine", quarantine);
        folderWatch = FolderWatch.start(dir, notified, poll, manager, () -> sync.pass(false));
    }

    /** Looks at the folder now and applies what changed and has settled. */
    public CompletableFuture<Void> rescan() {
        return manager.submit(() -> sync.pass(false));
    }

    /**
     * Stops watching, runs the {@code close()} hooks of every loaded plugin and releases them. Call
     * after the engine has stopped.
     */
    @Override
    public void close() {
        EventBus.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        FolderWatch w = folderWatch;
        if (w != null) {
            w.close();
        }
        // Each close() hook has its own limit; this bounds the whole, so shutting down never hangs.
        manager.close(sync::closeAll, managerWait());
    }

    // ------------------------------------------------------------------ queries and commands

    /** Every plugin, the built-in steps first, then by file name. */
    public List<PluginInfo> list() {
        return snapshot.list();
    }

    /** The plugin with this id, if there is one. */
    public Optional<PluginInfo> find(String pluginId) {
        return snapshot.list().stream().filter(s -> s.id().equals(pluginId)).findFirst();
    }

    /**
     * Switches a plugin on again: clears a disable or a quarantine (remembered). The plugin loads
     * from the next tick.
     *
     * @throws IllegalArgumentException (in the future) if no plugin has that id, or config.yaml disables it
     */
    public CompletableFuture<Void> enable(String pluginId) {
        return manager.submit(() -> {
            requireKnown(pluginId);
            gate.requireEnableable(pluginId);
            choices.enablePlugin(pluginId);
            for (PluginEntry e : sync.withId(pluginId)) {
                e.stepIds.forEach(quarantine::reset); // a fresh start, not one abandoned run from quarantine
                sync.reconsider(e);
            }
            sync.pass(false);
        });
    }

    /** Switches a plugin off from the next tick (remembered); its {@code close()} hooks run. */
    public CompletableFuture<Void> disable(String pluginId) {
        return manager.submit(() -> {
            requireKnown(pluginId);
            if (BUILT_IN.equals(pluginId)) {
                throw new IllegalArgumentException("the built-in steps are not one plugin: disable them one step at a time");
            }
            choices.disablePlugin(pluginId);
            sync.withId(pluginId).forEach(sync::reconsider);
            sync.pass(false);
        });
    }

    /** Switches a step on again (remembered). A step disabled in config.yaml stays off until config says otherwise. */
    public CompletableFuture<Void> enableStep(String stepId) {
        return manager.submit(() -> {
            // A disabled step of a plugin that has since gone can still be switched back on.
            if (!choices.stepDisabled(stepId)) {
                requireKnownStep(stepId);
            }
            if (choices.enableStep(stepId)) {
                sync.stepsChanged();
            }
            sync.pass(false);
        });
    }

    /** Switches a step off from the next tick (remembered). */
    public CompletableFuture<Void> disableStep(String stepId) {
        return manager.submit(() -> {
            requireKnownStep(stepId);
            if (choices.disableStep(stepId)) {
                sync.stepsChanged();
            }
            sync.pass(false);
        });
    }

    /**
     * Approves a JAR by its SHA-256 (remembered) for {@code plugins.trust: pinned}; a plugin whose
     * JARs are all approved loads from the next tick.
     */
    public CompletableFuture<Void> approve(String sha256) {
        String digest;
        try {
            digest = PluginGate.digest(sha256);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return manager.submit(() -> {
            choices.approve(digest);
            sync.withDigest(digest).forEach(sync::reconsider);
            sync.pass(false);
        });
    }

    /** Steps disabled through {@link #disableStep} (config's {@code enabled: false} not included). */
    public Set<String> disabledSteps() {
        return snapshot.disabledSteps();
    }

    /**
     * Every step of the built-ins and of every LOADED plugin, disabled ones included, with its
     * source: what a step list shows.
     */
    public List<TickEngine.Discovered> allSteps() {
        return snapshot.allSteps();
    }

    private void requireKnownStep(String stepId) {
        if (!sync.knowsStep(stepId)) {
            throw new IllegalArgumentException("no step '" + stepId + "' among the built-in steps and loaded plugins");
        }
    }

    private void requireKnown(String pluginId) {
        if (!BUILT_IN.equals(pluginId) && sync.withId(pluginId).isEmpty()) {
            throw new IllegalArgumentException("no plugin '" + pluginId + "' in " + dir);
        }
    }

    /** Called by {@link QuarantineWatch} on the bus's listener thread: the work is the manager's. */
    private void quarantineStep(String stepId, String reason) {
        manager.execute(() -> sync.runningWithStep(stepId).ifPresent(e -> {
            choices.quarantine(e.id(), reason);
            sync.reconsider(e);
            sync.pass(false);
        }));
        // A built-in step has no plugin to quarantine: its breaker and the abandoned-thread limit contain it.
    }

    @Override
    public String toString() {
        return "PluginRegistry[" + dir + ", " + snapshot.list().size() + " plugins]";
    }
}
