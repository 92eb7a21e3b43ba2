package dev.tickguard.plugin;

import dev.tickguard.config.PluginSettings;
import dev.tickguard.control.PluginInfo;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.EventBus;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SpiVersion;
import dev.tickguard.spi.Step;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The plugins folder, live: every plugin in it, its state ({@link PluginState}), and the steps the
 * engine runs. The folder is polled; a plugin that appears, changes or disappears is applied from
 * the next tick, never inside one, once its files have stayed the same for one poll (so a JAR still
 * being copied is not loaded half-written). A replaced or removed plugin's {@code close()} hooks run
 * after its last tick and its class loader is released. Nothing here ever waits for a tick.
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
 * The user's run-time choices are remembered in {@code <data>/state/plugins.json}. Every state change
 * is a {@link TickEvent.PluginStateChanged} (and a log line through the log listener).
 *
 * <p>All work happens on one thread of its own; the methods are thread-safe and the changing ones
 * return a future that completes once the change is applied.
 */
public final class PluginRegistry implements AutoCloseable {
    /** The id and source of the plugin standing for the steps shipped with Tickguard. */
    public static final String BUILT_IN = StepDiscovery.BUILT_IN;
    /** How often the folder is looked at, unless given. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());

    private final Path dir;
    private final TickguardConfig config;
    private final PluginSettings settings;
    private final EventBus bus;
    private final TimeSource time;
    // Set once by watch(); read on the manager thread.
    private volatile TickEngine engine;
    private final List<TickEngine.Discovered> builtIns;
    private final Set<String> builtInIds;
    private final PluginLoader loader;
    private final PluginChoices choices;
    private final PluginGate gate;
    private final PluginFolder folder;
    private final DuplicateResolver resolver;
    private final QuarantineWatch quarantine;
    private final Duration poll;
    private final ManagerThread manager = new ManagerThread();
    private final boolean notified;
    private volatile FolderWatch folderWatch;
    private EventBus.Subscription subscription;

    // Confined to the manager thread.
    private final Map<String, PluginEntry> entries = new TreeMap<>();
    private final Set<String> dirty = new HashSet<>();
    private boolean stepsChanged;
    private List<TickEngine.Discovered> applied;

    private volatile List<PluginInfo> statuses = List.of();
    private volatile Set<String> disabledStepsNow = Set.of();
    private volatile List<TickEngine.Discovered> allStepsNow = List.of();

    /**
     * A registry that looks at the folder every {@code poll}, with no change notification (tests use a
     * long poll and look themselves with {@link #rescan()}).
     *
     * @param builtIns the steps shipped with Tickguard
     * @param poll how often to look at the folder
     */
    public PluginRegistry(TickguardConfig config, EventBus bus, TimeSource time, List<TickEngine.Discovered> builtIns,
                          Duration poll) {
        this(config, bus, time, builtIns, poll, false);
    }

    /**
     * @param builtIns the steps shipped with Tickguard
     * @param poll how often to look at the folder while something in it changes
     * @param notified true: look when the operating system reports a change (and every
     *     {@link FolderWatch#IDLE_LOOK} as a safety net) instead of every {@code poll}
     */
    PluginRegistry(TickguardConfig config, EventBus bus, TimeSource time, List<TickEngine.Discovered> builtIns,
                   Duration poll, boolean notified) {
        this.notified = notified;
        this.dir = config.pluginsDir();
        this.config = config;
        this.settings = config.plugins();
        this.bus = bus;
        this.time = time;
        this.builtIns = List.copyOf(builtIns);
        this.builtInIds = new HashSet<>();
        for (TickEngine.Discovered d : builtIns) {
            builtInIds.add(d.step().id());
        }
        this.resolver = new DuplicateResolver(builtInIds);
        this.folder = new PluginFolder(dir);
        this.loader = new PluginLoader(new SpiOnlyClassLoader(PluginRegistry.class.getClassLoader()),
                settings.hookTimeout());
        this.choices = PluginChoices.load(config.dataDir().resolve("state").resolve("plugins.json"));
        this.gate = new PluginGate(settings, config.source(), choices);
        this.poll = poll;
        this.quarantine = new QuarantineWatch(settings.quarantineAfter(), this::quarantineStep);
    }

    /**
     * The registry Tickguard runs: it looks when the operating system reports a change to the folder
     * (then every {@link #DEFAULT_POLL} until it has settled), or every {@link #DEFAULT_POLL} where
     * there is no such notification.
     */
    public PluginRegistry(TickguardConfig config, EventBus bus, TimeSource time, List<TickEngine.Discovered> builtIns) {
        this(config, bus, time, builtIns, DEFAULT_POLL, true);
    }

    // ------------------------------------------------------------------ life

    /**
     * Loads every plugin in the folder now (without waiting for files to settle: at start nobody is
     * expected to be copying) and returns the steps to build the engine with: the built-in steps
     * and those of every LOADED plugin, minus the steps disabled through {@link #disableStep}.
     */
    public List<TickEngine.Discovered> start() {
        return manager.call(() -> {
            scan(true);
            return applied;
        });
    }

    /**
     * From now on, watches the folder and hands every change to {@code engine} (built with the steps
     * {@link #start()} returned), and quarantines plugins whose steps it keeps abandoning.
     */
    public void watch(TickEngine engine) {
        manager.call(() -> {
            this.engine = Objects.requireNonNull(engine, "engine");
            return null;
        });
        subscription = bus.subscribe("plugins-quarantine", quarantine);
        folderWatch = FolderWatch.start(dir, notified, poll, manager, () -> scan(false));
    }

    /** Looks at the folder now and applies what changed and has settled. */
    public CompletableFuture<Void> rescan() {
        return manager.submit(() -> scan(false));
    }

    /**
     * Stops watching, runs the {@code close()} hooks of every loaded plugin and releases them. Call
     * after the engine has stopped.
     */
    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        FolderWatch w = folderWatch;
        if (w != null) {
            w.close();
        }
        manager.close(() -> {
            for (PluginEntry e : entries.values()) {
                unload(e);
            }
        }, settings.hookTimeout().multipliedBy(4).plusSeconds(10));
    }

    // ------------------------------------------------------------------ queries and commands

    /** Every plugin, the built-in steps first, then by file name. */
    public List<PluginInfo> list() {
        return statuses;
    }

    /** The plugin with this id, if there is one. */
    public java.util.Optional<PluginInfo> find(String pluginId) {
        return statuses.stream().filter(s -> s.id().equals(pluginId)).findFirst();
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
            entries.values().stream().filter(e -> e.id().equals(pluginId)).forEach(e -> {
                e.stepIds.forEach(quarantine::reset);
                dirty.add(e.source.name());
            });
            scan(false);
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
            entries.values().stream().filter(e -> e.id().equals(pluginId)).forEach(e -> dirty.add(e.source.name()));
            scan(false);
        });
    }

    /** Switches a step on again (remembered). A step disabled in config.yaml stays off until config says otherwise. */
    public CompletableFuture<Void> enableStep(String stepId) {
        return manager.submit(() -> {
            if (!choices.stepDisabled(stepId)) {
                requireKnownStep(stepId);
            }
            if (choices.enableStep(stepId)) {
                stepsChanged = true;
            }
            scan(false);
        });
    }

    /** Switches a step off from the next tick (remembered). */
    public CompletableFuture<Void> disableStep(String stepId) {
        return manager.submit(() -> {
            requireKnownStep(stepId);
            if (choices.disableStep(stepId)) {
                stepsChanged = true;
            }
            scan(false);
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
            entries.values().stream().filter(e -> e.sha256.containsValue(digest))
                    .forEach(e -> dirty.add(e.source.name()));
            scan(false);
        });
    }

    /** Steps disabled through {@link #disableStep} (config's {@code enabled: false} not included). */
    public Set<String> disabledSteps() {
        return disabledStepsNow;
    }

    /**
     * Every step of the built-ins and of every LOADED plugin, disabled ones included, with its
     * source: what a step list shows.
     */
    public List<TickEngine.Discovered> allSteps() {
        return allStepsNow;
    }

    private void requireKnownStep(String stepId) {
        boolean known = builtInIds.contains(stepId) || entries.values().stream()
                .anyMatch(e -> e.state == PluginState.LOADED && e.stepIds.contains(stepId));
        if (!known) {
            throw new IllegalArgumentException("no step '" + stepId + "' among the built-in steps and loaded plugins");
        }
    }

    private void requireKnown(String pluginId) {
        boolean known = BUILT_IN.equals(pluginId) || entries.values().stream().anyMatch(e -> e.id().equals(pluginId));
        if (!known) {
            throw new IllegalArgumentException("no plugin '" + pluginId + "' in " + dir);
        }
    }

    private void quarantineStep(String stepId, String reason) {
        manager.execute(() -> {
            for (PluginEntry e : entries.values()) {
                if (e.state == PluginState.LOADED && e.stepIds.contains(stepId)) {
                    choices.quarantine(e.id(), reason);
                    dirty.add(e.source.name());
                    scan(false);
                    return;
                }
            }
            // A built-in step: its breaker and the abandoned-thread limit already contain it.
        });
    }

    // ------------------------------------------------------------------ the work

    private void scan(boolean initial) {
        Map<String, String> appliedPrints = new LinkedHashMap<>();
        entries.forEach((name, e) -> appliedPrints.put(name, e.print));
        PluginFolder.Look look;
        try {
            look = folder.look(appliedPrints, initial);
        } catch (IOException e) {
            LOG.warning("cannot list the plugins folder " + dir + ": " + e.getMessage());
            return;
        }
        List<PluginEntry> retired = new ArrayList<>();
        boolean changed = initial || stepsChanged || !dirty.isEmpty();
        Set<String> evaluated = new HashSet<>();

        for (String name : look.gone()) {
            PluginEntry gone = entries.remove(name);
            retired.add(gone);
            bus.publish(new TickEvent.PluginRemoved(time.now(), gone.id(), name));
            changed = true;
        }
        for (PluginFolder.Found f : look.present()) {
            String name = f.source().name();
            // A file still changing waits for the next look, even if a choice asked for it.
            if (f.change() == PluginFolder.Change.SETTLED
                    || f.change() == PluginFolder.Change.SAME && dirty.contains(name)) {
                reevaluate(f.source(), f.print(), entries.get(name), retired);
                evaluated.add(name);
                changed = true;
            }
        }
        dirty.clear();
        stepsChanged = false;
        if (!changed) {
            return;
        }
        // A plugin that lost an id may win it now that something changed (e.g. the winner left).
        Set<String> present = look.names();
        for (PluginEntry e : new ArrayList<>(entries.values())) {
            if (e.lostDuplicate && !evaluated.contains(e.name()) && present.contains(e.name())) {
                reevaluate(e.source, e.print, e, retired);
            }
        }
        retired.addAll(resolveDuplicates());
        startNew();
        List<TickEngine.Discovered> steps = new ArrayList<>();
        builtIns.stream().filter(d -> !choices.stepDisabled(d.step().id())).forEach(steps::add);
        for (PluginEntry e : entries.values()) {
            if (e.state == PluginState.LOADED) {
                for (Step step : e.loaded.steps()) {
                    if (!choices.stepDisabled(step.id())) {
                        steps.add(new TickEngine.Discovered(step, e.source.name()));
                    }
                }
            }
        }
        CompletableFuture<Void> lastUse = CompletableFuture.completedFuture(null);
        if (!sameSteps(steps, applied)) {
            if (engine != null) {
                lastUse = engine.replaceSteps(steps); // from the next tick; never waits for the running one
            }
            applied = List.copyOf(steps);
        }
        publish();
        if (!retired.isEmpty()) {
            // Their close() hooks run, and their loaders are released, once no tick uses their steps.
            List<PluginEntry> done = List.copyOf(retired);
            lastUse.whenComplete((ok, e) -> manager.executeOrRunHere(() -> done.forEach(this::unload)));
        }
    }

    /** True if both lists hold the same step instances from the same sources, in the same order. */
    private static boolean sameSteps(List<TickEngine.Discovered> a, List<TickEngine.Discovered> b) {
        if (b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).step() != b.get(i).step() || !a.get(i).source().equals(b.get(i).source())) {
                return false;
            }
        }
        return true;
    }

    private void reevaluate(PluginSource s, String print, PluginEntry old, List<PluginEntry> retired) {
        PluginEntry next = evaluate(s, print, old);
        if (next != old) {
            if (old != null) {
                retired.add(old);
            }
            entries.put(s.name(), next);
        }
    }

    /** Decides what a new or changed (or re-enabled, re-approved) plugin becomes; loads it if it may run. */
    private PluginEntry evaluate(PluginSource s, String print, PluginEntry old) {
        Map<String, String> digests = old != null && old.print.equals(print) ? old.sha256 : PluginGate.digests(s);
        PluginEntry e = new PluginEntry(s, print, digests);
        PluginLoader.Contents contents;
        try {
            contents = loader.inspect(s);
        } catch (PluginLoadException ex) {
            return e.fail(ex.getMessage());
        }
        e.descriptor = contents.descriptor();
        PluginGate.Closed closed = gate.check(e.id(), e.sha256);
        if (closed != null) {
            e.state = closed.state();
            e.reason = closed.reason();
            e.stepIds = old != null ? old.stepIds : List.of();
            return e;
        }
        if (old != null && old.print.equals(print) && old.state == PluginState.LOADED) {
            return old; // unchanged and still allowed: keep it running
        }
        try {
            e.loaded = loader.load(s, contents);
        } catch (PluginLoadException ex) {
            return e.fail(ex.getMessage());
        }
        e.stepIds = e.loaded.stepIds();
        e.state = PluginState.LOADED;
        if (!e.descriptor.declared()) {
            bus.publish(new TickEvent.Notice(time.now(), "Plugins", s.name() + " has no " + PluginDescriptor.ID
                    + " in its manifest: loaded as '" + e.id() + "', unversioned (add " + PluginDescriptor.ID + ", "
                    + PluginDescriptor.VERSION + " and " + PluginDescriptor.SPI_VERSION + ": " + SpiVersion.VERSION + ")"));
        } else if (e.descriptor.spiVersion() == null) {
            bus.publish(new TickEvent.Notice(time.now(), "Plugins", s.name() + " does not say which SPI it was built for: "
                    + "add " + PluginDescriptor.SPI_VERSION + ": " + SpiVersion.VERSION + " to its manifest"));
        }
        return e;
    }

    /**
     * Applies the id rules ({@link DuplicateResolver}) to every loaded plugin; a loser is FAILED and
     * its loader released.
     *
     * @return entries that were running and just lost their ids (to unload after the swap)
     */
    private List<PluginEntry> resolveDuplicates() {
        List<PluginEntry> candidates = entries.values().stream().filter(e -> e.loaded != null).toList();
        Map<String, DuplicateResolver.Loss> losers = resolver.losers(candidates.stream().map(PluginEntry::claim).toList());
        List<PluginEntry> retired = new ArrayList<>();
        for (PluginEntry e : candidates) {
            e.lostDuplicate = losers.containsKey(e.name()) && losers.get(e.name()).duplicate();
        }
        losers.forEach((name, loss) -> {
            PluginEntry e = entries.get(name);
            if (e.started) {
                // It ran until now: close it after the swap, as a retired entry (a copy keeps its loader).
                PluginEntry copy = new PluginEntry(e.source, e.print, e.sha256);
                copy.loaded = e.loaded;
                copy.started = true;
                retired.add(copy);
            } else {
                e.loaded.closeLoader();
            }
            e.loaded = null;
            e.started = false;
            e.fail(loss.reason());
        });
        return retired;
    }

    /** Runs {@code start} of every newly loaded step, each under the hook time limit. */
    private void startNew() {
        for (PluginEntry e : entries.values()) {
            if (e.loaded == null || e.started) {
                continue;
            }
            List<Step> started = new ArrayList<>();
            try {
                for (Step step : e.loaded.steps()) {
                    StepHooks.start(step, config, e.loaded.loader(), settings.hookTimeout());
                    started.add(step);
                }
                e.started = true;
            } catch (PluginLoadException ex) {
                for (Step step : started) {
                    StepHooks.close(step, e.loaded.loader(), settings.hookTimeout());
                }
                e.loaded.closeLoader();
                e.loaded = null;
                e.fail(ex.getMessage());
            }
        }
    }

    /** Runs the {@code close} hooks of a plugin that ran, then releases its class loader. */
    private void unload(PluginEntry e) {
        if (e.loaded == null) {
            return;
        }
        if (e.started) {
            for (Step step : e.loaded.steps()) {
                StepHooks.close(step, e.loaded.loader(), settings.hookTimeout());
            }
        }
        e.loaded.closeLoader();
        e.loaded = null;
        e.started = false;
    }

    private void publish() {
        disabledStepsNow = choices.disabledSteps();
        List<TickEngine.Discovered> all = new ArrayList<>(builtIns);
        for (PluginEntry e : entries.values()) {
            if (e.state == PluginState.LOADED) {
                e.loaded.steps().forEach(step -> all.add(new TickEngine.Discovered(step, e.source.name())));
            }
        }
        allStepsNow = List.copyOf(all);
        List<PluginInfo> out = new ArrayList<>();
        out.add(new PluginInfo(BUILT_IN, PluginState.LOADED, builtIns.stream().map(d -> d.step().id()).toList(), null,
                BUILT_IN, SpiVersion.VERSION, "the steps shipped with Tickguard", Map.of()));
        for (PluginEntry e : entries.values()) {
            PluginInfo s = e.status();
            if (!s.equals(e.published)) {
                e.published = s;
                bus.publish(new TickEvent.PluginStateChanged(time.now(), s.id(), s.version(), s.source(), s.state(),
                        s.reason(), s.stepIds(), s.description(), s.sha256()));
            }
            out.add(s);
        }
        statuses = List.copyOf(out);
    }

    @Override
    public String toString() {
        return "PluginRegistry[" + dir + ", " + Objects.requireNonNullElse(statuses, List.of()).size() + " plugins]";
    }
}
