package dev.tickguard.plugin;

import dev.tickguard.config.TickguardConfig;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SpiVersion;
import dev.tickguard.spi.Step;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Takes one plugin through its life: read it without running its code, ask the {@link PluginGate},
 * load it into a class loader of its own ({@link PluginLoader}), run its steps' {@code start} hooks,
 * and in the end their {@code close} hooks and release the loader. It owns every plugin class loader
 * from creation to release; a step whose {@code start} never ran never has its {@code close} run.
 *
 * <p>Not thread-safe: called on the plugin manager thread ({@code tickguard-plugins}). Plugin code
 * (creating steps, {@code start}, {@code close}) runs on a fresh hook thread per call
 * ({@link TimeLimit}), which the manager thread waits for at most {@code plugins.hook_timeout_sec}.
 */
final class PluginLifecycle {
    private final PluginLoader loader;
    private final PluginGate gate;
    private final TickguardConfig config;
    private final Duration hookTimeout;
    private final EventBus bus;
    private final TimeSource time;

    PluginLifecycle(PluginLoader loader, PluginGate gate, TickguardConfig config, Duration hookTimeout, EventBus bus,
                    TimeSource time) {
        this.loader = loader;
        this.gate = gate;
        this.config = config;
        this.hookTimeout = hookTimeout;
        this.bus = bus;
        this.time = time;
    }

    /**
     * Decides what a new, changed, re-enabled or re-approved plugin becomes, and loads it if it may
     * run (its {@code start} hooks run later, in {@link #start}, once the id rules let it).
     *
     * @param old what the same file was until now, or {@code null}
     * @return {@code old} itself if it is unchanged and may go on running, else a new entry
     */
    PluginEntry evaluate(PluginSource s, String print, PluginEntry old) {
        boolean sameFiles = old != null && old.print.equals(print);
        // Hashing every JAR again only because a choice changed would make enabling slow for big plugins.
        PluginEntry e = new PluginEntry(s, print, sameFiles ? old.sha256 : PluginGate.digests(s));
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
            e.stepIds = old != null ? old.stepIds : List.of(); // the user still sees which steps are off
            return e;
        }
        if (sameFiles && old.state == PluginState.LOADED) {
            return old;
        }
        try {
            e.loaded = loader.load(s, contents);
        } catch (PluginLoadException ex) {
            return e.fail(ex.getMessage());
        }
        e.stepIds = e.loaded.stepIds();
        e.state = PluginState.LOADED;
        adviseOnDescriptor(e);
        return e;
    }

    private void adviseOnDescriptor(PluginEntry e) {
        String name = e.name();
        if (!e.descriptor.declared()) {
            bus.publish(new TickEvent.Notice(time.now(), "Plugins", name + " has no " + PluginDescriptor.ID
                    + " in its manifest: loaded as '" + e.id() + "', unversioned (add " + PluginDescriptor.ID + ", "
                    + PluginDescriptor.VERSION + " and " + PluginDescriptor.SPI_VERSION + ": " + SpiVersion.VERSION + ")"));
        } else if (e.descriptor.spiVersion() == null) {
            bus.publish(new TickEvent.Notice(time.now(), "Plugins", name + " does not say which SPI it was built for: "
                    + "add " + PluginDescriptor.SPI_VERSION + ": " + SpiVersion.VERSION + " to its manifest"));
        }
    }

    /**
     * Runs {@code start} of every step of each loaded plugin not started yet, each under the hook
     * time limit. A plugin whose {@code start} fails is FAILED, and the steps it had already
     * started are closed again, so a half-started plugin never holds resources.
     */
    void start(Collection<PluginEntry> entries) {
        for (PluginEntry e : entries) {
            if (e.loaded == null || e.started) {
                continue;
            }
            List<Step> started = new ArrayList<>();
            try {
                for (Step step : e.loaded.steps()) {
                    StepHooks.start(step, config, e.loaded.loader(), hookTimeout);
                    started.add(step);
                }
                e.started = true;
            } catch (PluginLoadException ex) {
                for (Step step : started) {
                    StepHooks.close(step, e.loaded.loader(), hookTimeout);
                }
                e.loaded.closeLoader();
                e.loaded = null;
                e.fail(ex.getMessage());
            }
        }
    }

    /**
     * Takes a loaded plugin out of service as FAILED (it lost an id).
     *
     * @return if it had started: a copy holding its steps and loader, to {@link #unload} once no tick
     *     uses them any more (the running tick may be inside one of its steps right now)
     */
    Optional<PluginEntry> demote(PluginEntry e, String reason) {
        PluginEntry running = null;
        if (e.started) {
            running = new PluginEntry(e.source, e.print, e.sha256);
            running.loaded = e.loaded;
            running.started = true;
        } else {
            e.loaded.closeLoader();
        }
        e.loaded = null;
        e.started = false;
        e.fail(reason);
        return Optional.ofNullable(running);
    }

    /** Runs the {@code close} hooks of a plugin that started, then releases its class loader. */
    void unload(PluginEntry e) {
        if (e.loaded == null) {
            return;
        }
        if (e.started) {
            for (Step step : e.loaded.steps()) {
                StepHooks.close(step, e.loaded.loader(), hookTimeout);
            }
        }
        e.loaded.closeLoader();
        e.loaded = null;
        e.started = false;
    }
}
