package dev.tickguard.plugin;

import dev.tickguard.engine.TickEngine;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.Step;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Brings the running plugins in line with the folder and the user's choices, one pass at a time:
 * look at the folder ({@link PluginFolder}), evaluate what is new, changed or asked for
 * ({@link PluginLifecycle}), apply the id rules ({@link DuplicateResolver}), start what may run,
 * hand the engine its new steps and publish the result ({@link PluginSnapshot}). It owns the table
 * of plugins by file name. A replaced or removed plugin is unloaded only once the engine says no
 * tick uses its steps any more: a pass never waits for a tick.
 *
 * <p>Not thread-safe: confined to the plugin manager thread ({@code tickguard-plugins}); the engine's
 * "last use" callback only hands work back to that thread.
 */
final class PluginSync {
    private static final Logger LOG = Logger.getLogger(PluginSync.class.getName());

    private final PluginFolder folder;
    private final PluginLifecycle lifecycle;
    private final DuplicateResolver resolver;
    private final PluginChoices choices;
    private final PluginSnapshot snapshot;
    private final List<TickEngine.Discovered> builtIns;
    private final Set<String> builtInIds = new HashSet<>();
    private final ManagerThread manager;
    private final EventBus bus;
    private final TimeSource time;

    private final Map<String, PluginEntry> entries = new TreeMap<>();
    /** Plugins a choice asked to evaluate again at the next pass, by file name. */
    private final Set<String> dirty = new HashSet<>();
    private boolean stepsChanged;
    private List<TickEngine.Discovered> applied;
    private TickEngine engine;

    PluginSync(PluginFolder folder, PluginLifecycle lifecycle, DuplicateResolver resolver, PluginChoices choices,
               PluginSnapshot snapshot, List<TickEngine.Discovered> builtIns, ManagerThread manager, EventBus bus,
               TimeSource time) {
        this.folder = folder;
        this.lifecycle = lifecycle;
        this.resolver = resolver;
        this.choices = choices;
        this.snapshot = snapshot;
        this.builtIns = List.copyOf(builtIns);
        builtIns.forEach(d -> builtInIds.add(d.step().id()));
        this.manager = manager;
        this.bus = bus;
        this.time = time;
    }

    /**
     * From now on, every change of steps goes to {@code engine}.
     *
     * @param builtWith the steps the engine was built with: if the first pass ended after Tickguard
     *     stopped waiting for it, the engine is handed the steps that pass found now
     */
    void engine(TickEngine engine, List<TickEngine.Discovered> builtWith) {
        this.engine = engine;
        if (applied != null && builtWith != null && !sameSteps(applied, builtWith)) {
            engine.replaceSteps(applied);
        }
    }

    /**
     * One pass. A plugin file that is still changing waits for a later pass, even if a choice asked
     * for it.
     *
     * @param initial true at start: take every file as it is
     * @return the steps the engine runs now (the built-ins and LOADED plugins', minus disabled steps)
     */
    List<TickEngine.Discovered> pass(boolean initial) {
        Map<String, String> appliedPrints = new LinkedHashMap<>();
        entries.forEach((name, e) -> appliedPrints.put(name, e.print));
        PluginFolder.Look look;
        try {
            look = folder.look(appliedPrints, initial);
        } catch (IOException e) {
            LOG.warning("cannot list the plugins folder " + folder.dir() + ": " + e.getMessage());
            return applied;
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
            return applied;
        }
        // A plugin that lost an id may win it now that something changed (e.g. the winner left).
        Set<String> present = look.names();
        for (PluginEntry e : new ArrayList<>(entries.values())) {
            if (e.lostDuplicate && !evaluated.contains(e.name()) && present.contains(e.name())) {
                reevaluate(e.source, e.print, e, retired);
            }
        }
        retired.addAll(resolveDuplicates());
        lifecycle.start(entries.values());
        swapSteps(retired);
        return applied;
    }

    private void reevaluate(PluginSource s, String print, PluginEntry old, List<PluginEntry> retired) {
        PluginEntry next;
        try {
            next = lifecycle.evaluate(s, print, old);
        } catch (RuntimeException | Error bug) { // plugin code is bounded and fails the plugin; this is a bug
            LOG.log(java.util.logging.Level.WARNING, "evaluating plugin " + s.name() + " failed", bug);
            next = new PluginEntry(s, print, Map.of()).fail("Tickguard could not evaluate it (" + bug
                    + "); see the log");
        }
        if (next != old) {
            if (old != null) {
                retired.add(old);
            }
            entries.put(s.name(), next);
        }
    }

    /** @return entries that were running and just lost their ids (to unload after the swap) */
    private List<PluginEntry> resolveDuplicates() {
        List<PluginEntry> candidates = entries.values().stream().filter(e -> e.loaded != null).toList();
        Map<String, DuplicateResolver.Loss> losers = resolver.losers(candidates.stream().map(PluginEntry::claim).toList());
        for (PluginEntry e : candidates) {
            e.lostDuplicate = losers.containsKey(e.name()) && losers.get(e.name()).duplicate();
        }
        List<PluginEntry> retired = new ArrayList<>();
        losers.forEach((name, loss) -> lifecycle.demote(entries.get(name), loss.reason()).ifPresent(retired::add));
        return retired;
    }

    /** Hands the engine its steps if they changed, publishes, and unloads the retired after their last use. */
    private void swapSteps(List<PluginEntry> retired) {
        List<TickEngine.Discovered> steps = new ArrayList<>();
        builtIns.stream().filter(d -> !choices.stepDisabled(d.step().id())).forEach(steps::add);
        for (PluginEntry e : entries.values()) {
            for (Step step : e.runningSteps()) {
                if (!choices.stepDisabled(step.id())) {
                    steps.add(new TickEngine.Discovered(step, e.name()));
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
        snapshot.publish(entries.values(), choices.disabledSteps());
        if (!retired.isEmpty()) {
            List<PluginEntry> done = List.copyOf(retired);
            // Completed by whichever thread ends the last tick that used them: only hand the work back.
            lastUse.whenComplete((ok, e) -> manager.executeOrRunHere(() -> done.forEach(lifecycle::unload)));
        }
    }

    /** Same step instances from the same sources in the same order: the engine need not be told. */
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

    // ------------------------------------------------------------------ for the registry's commands

    List<PluginEntry> withId(String pluginId) {
        return entries.values().stream().filter(e -> e.id().equals(pluginId)).toList();
    }

    List<PluginEntry> withDigest(String sha256) {
        return entries.values().stream().filter(e -> e.sha256.containsValue(sha256)).toList();
    }

    /** The running plugin a step belongs to; none for a built-in step. */
    Optional<PluginEntry> runningWithStep(String stepId) {
        return entries.values().stream().filter(e -> e.state == PluginState.LOADED && e.stepIds.contains(stepId))
                .findFirst();
    }

    boolean knowsStep(String stepId) {
        return builtInIds.contains(stepId) || runningWithStep(stepId).isPresent();
    }

    /** Evaluate this plugin again at the next pass, though its files did not change. */
    void reconsider(PluginEntry e) {
        dirty.add(e.name());
    }

    /** Build the engine's step list again at the next pass. */
    void stepsChanged() {
        stepsChanged = true;
    }

    /** Unloads every plugin; the registry is closing. */
    void closeAll() {
        for (PluginEntry e : entries.values()) {
            try {
                lifecycle.unload(e);
            } catch (RuntimeException | Error bug) { // each plugin closes independently of the others
                LOG.log(java.util.logging.Level.WARNING, "closing plugin " + e.name() + " failed", bug);
            }
        }
    }
}
