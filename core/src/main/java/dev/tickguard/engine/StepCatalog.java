package dev.tickguard.engine;

import dev.tickguard.config.StepOverride;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The steps that run: discovered steps checked (id, priority, phase, timeout, no duplicate ids),
 * configured ({@code steps.<id>}: disabled, timeout, priority) and put in run order. A step that
 * cannot describe itself is refused with a {@code PluginFailed} event, never taken on.
 *
 * <p>A tick runs the list it started with; {@link #replace} swaps in the next list at any time, so
 * no tick mixes old and new steps. Thread-safe: {@link #replace} is called on the plugin folder's
 * watch thread, {@link #begin} on the thread that starts a tick.
 */
final class StepCatalog {
    private static final Logger LOG = Logger.getLogger(TickEngine.class.getName());
    /** The source of a step only remote workers have. */
    static final String REMOTE_ONLY = "remote workers only";
    private static final Pattern STEP_ID = Pattern.compile("[a-z][a-z0-9_]*");

    private final TickguardConfig config;
    private final BreakerRegistry breakers;
    private final EventBus bus;
    private final TimeSource time;
    private final dev.tickguard.remote.RemoteSteps remote;
    private final Object lock = new Object();
    private volatile List<LoadedStep> steps;
    // Completes when the tick that started last has ended. Guarded by lock.
    private CompletableFuture<Void> tickEnd = CompletableFuture.completedFuture(null);

    /** Loads the first steps; an override naming no known step is reported once, here. */
    StepCatalog(List<TickEngine.Discovered> discovered, TickguardConfig config, BreakerRegistry breakers, EventBus bus,
                TimeSource time, dev.tickguard.remote.RemoteSteps remote) {
        this.config = config;
        this.remote = remote;
        this.breakers = breakers;
        this.bus = bus;
        this.time = time;
        this.steps = load(discovered, true);
    }

    /** The steps that run, in run order. */
    List<LoadedStep> steps() {
        return steps;
    }

    /**
     * The steps for a tick that starts now; {@code end} must complete when that tick has ended.
     */
    List<LoadedStep> begin(CompletableFuture<Void> end) {
        synchronized (lock) {
            tickEnd = end;
            return steps;
        }
    }

    /**
     * Replaces the steps from the next tick on, without waiting.
     *
     * @return completes once no tick uses the old steps any more
     */
    CompletableFuture<Void> replace(List<TickEngine.Discovered> discovered) {
        // Not reported again: the plugins folder changes, and a plugin's step may come and go.
        List<LoadedStep> next = load(discovered, false);
        List<LoadedStep> previous;
        CompletableFuture<Void> lastUse;
        synchronized (lock) {
            previous = steps;
            steps = next;
            lastUse = tickEnd.copy();
        }
        // A step that left (its plugin removed, disabled, quarantined) is never called again, so its
        // breaker would stay as it was: an open one must not keep the system DEGRADED for good.
        Set<String> running = new HashSet<>();
        next.forEach(s -> running.add(s.id()));
        for (LoadedStep old : previous) {
            if (!running.contains(old.id())) {
                breakers.countsForHealth(old.breaker().name(), false);
            }
        }
        return lastUse;
    }

    private List<LoadedStep> load(List<TickEngine.Discovered> discovered, boolean reportUnknownOverrides) {
        List<LoadedStep> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (TickEngine.Discovered d : discovered) {
            String problem = null;
            LoadedStep loaded = null;
            try {
                String id = d.step().id();
                if (id == null || !STEP_ID.matcher(id).matches()) {
                    problem = "step id '" + id + "' is not lower-case letters, digits and '_'";
                } else if (!ids.add(id)) {
                    problem = "step id '" + id + "' is already provided by another plugin";
                } else {
                    StepOverride o = config.step(id);
                    if (!o.isEnabled()) {
                        LOG.info("step '" + id + "' is disabled in " + config.source());
                        continue;
                    }
                    // A step sent to workers keeps its id, descriptors and fallbacks: only its run goes away.
                    loaded = LoadedStep.of(o.isRemote() ? remote.wrap(d.step()) : d.step(), o,
                            breakers.get("step:" + id), d.source());
                    Objects.requireNonNull(loaded.priority(), "priority()");
                    // An optional step failing is shown, but does not by itself degrade the system.
                    breakers.countsForHealth(loaded.breaker().name(), loaded.priority() != Priority.OPTIONAL);
                    Objects.requireNonNull(loaded.phase(), "phase()");
                    if (loaded.timeout() == null || loaded.timeout().isNegative() || loaded.timeout().isZero()) {
                        problem = "step '" + id + "' has no positive timeout (" + loaded.timeout() + ")";
                        loaded = null;
                    }
                }
            } catch (Throwable e) { // plugin code (its descriptors): any Throwable refuses the step, never the engine
                problem = "step " + DescribedStep.codeClass(d.step()).getName() + " cannot describe itself: " + e;
                loaded = null;
            }
            if (problem != null) {
                bus.publish(new TickEvent.PluginFailed(time.now(), d.source(), problem));
                LOG.warning("[Plugins] " + d.source() + ": " + problem);
            } else if (loaded != null) {
                out.add(loaded);
            }
        }
        // run_on: remote for a step no plugin here provides: a step only workers have (an untrusted plugin
        // installed on a worker only); the agent knows it from its config alone.
        for (var e : config.steps().entrySet()) {
            if (e.getValue().isRemote() && e.getValue().isEnabled() && ids.add(e.getKey())) {
                LoadedStep only = LoadedStep.of(remote.remoteOnly(e.getKey()), e.getValue(),
                        breakers.get("step:" + e.getKey()), REMOTE_ONLY);
                breakers.countsForHealth(only.breaker().name(), only.priority() != Priority.OPTIONAL);
                out.add(only);
            }
        }
        out.sort(LoadedStep.RUN_ORDER);
        if (reportUnknownOverrides) {
            reportUnknownOverrides(ids);
        }
        return List.copyOf(out);
    }

    private void reportUnknownOverrides(Set<String> ids) {
        List<String> unknown = config.steps().keySet().stream().filter(id -> !ids.contains(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        List<String> known = new ArrayList<>(ids);
        known.sort(null);
        String message = config.source() + ": steps." + String.join(", steps.", unknown) + " name"
                + (unknown.size() == 1 ? "s no known step" : " no known steps") + "; known steps: "
                + String.join(", ", known);
        // Only the event: the log listener writes it as a line, so it is not logged twice.
        bus.publish(new TickEvent.Notice(time.now(), "Config", message));
    }
}
