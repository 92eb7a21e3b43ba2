package dev.tickguard.plugin;

import dev.tickguard.events.PluginInfo;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SpiVersion;
import dev.tickguard.time.TimeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rest of Tickguard sees of the plugins: every plugin's {@link PluginInfo}, every step
 * with its source, the steps the user disabled; and a {@link TickEvent.PluginStateChanged} for
 * every plugin whose info changed. The lists are immutable and replaced whole, so a reader (the
 * control API, the dashboard) never waits for the manager thread and never sees half a change.
 *
 * <p>Thread-safe: {@link #publish} is called on the plugin manager thread ({@code tickguard-plugins}),
 * the getters on any thread.
 */
final class PluginSnapshot {
    private final List<TickEngine.Discovered> builtIns;
    private final PluginInfo builtInInfo;
    private final EventBus bus;
    private final TimeSource time;

    private volatile List<PluginInfo> list = List.of();
    private volatile List<TickEngine.Discovered> allSteps = List.of();
    private volatile Set<String> disabledSteps = Set.of();

    PluginSnapshot(List<TickEngine.Discovered> builtIns, EventBus bus, TimeSource time) {
        this.builtIns = List.copyOf(builtIns);
        this.builtInInfo = new PluginInfo(PluginRegistry.BUILT_IN, PluginState.LOADED,
                this.builtIns.stream().map(d -> d.step().id()).toList(), null, PluginRegistry.BUILT_IN,
                SpiVersion.VERSION, "the steps shipped with Tickguard", Map.of());
        this.bus = bus;
        this.time = time;
    }

    /**
     * @param entries every plugin in the folder, in the order shown (by file name)
     * @param disabled the steps the user disabled
     */
    void publish(Collection<PluginEntry> entries, Set<String> disabled) {
        disabledSteps = Set.copyOf(disabled);
        List<TickEngine.Discovered> all = new ArrayList<>(builtIns);
        for (PluginEntry e : entries) {
            e.runningSteps().forEach(step -> all.add(new TickEngine.Discovered(step, e.name())));
        }
        allSteps = List.copyOf(all);
        List<PluginInfo> out = new ArrayList<>();
        out.add(builtInInfo);
        for (PluginEntry e : entries) {
            PluginInfo s = e.status();
            if (!s.equals(e.published)) {
                e.published = s;
                bus.publish(new TickEvent.PluginStateChanged(time.now(), s.id(), s.version(), s.source(), s.state(),
                        s.reason(), s.stepIds(), s.description(), s.sha256()));
            }
            out.add(s);
        }
        list = List.copyOf(out);
    }

    /** Every plugin, the built-in steps first, then by file name. */
    List<PluginInfo> list() {
        return list;
    }

    /** Every step of the built-ins and of every LOADED plugin, disabled ones included. */
    List<TickEngine.Discovered> allSteps() {
        return allSteps;
    }

    Set<String> disabledSteps() {
        return disabledSteps;
    }
}
