package dev.tickguard.plugin;

import dev.tickguard.events.PluginInfo;
import dev.tickguard.events.PluginState;
import dev.tickguard.spi.Step;
import java.util.List;
import java.util.Map;

/**
 * One plugin source in the folder and what became of it: its descriptor, its loaded classes while
 * it may run, its state and reason (pf4j's {@code PluginWrapper}). A changed file gets a new entry;
 * the old one is retired and unloaded once no tick uses its steps.
 *
 * <p>Mutable and not thread-safe: confined to the plugin manager thread ({@code tickguard-plugins});
 * other threads see only the {@link PluginInfo} it turns into.
 */
final class PluginEntry {
    final PluginSource source;
    /** {@link PluginSource#fingerprint()} when it was evaluated: a different print means the files changed. */
    final String print;
    final Map<String, String> sha256;
    PluginDescriptor descriptor;
    /** Its class loader and steps, while it may run; {@code null} otherwise. */
    LoadedPlugin loaded;
    /** True once every step's {@code start} returned: only then do its {@code close} hooks run. */
    boolean started;
    /** True if it lost an id to another plugin: it is looked at again whenever something changes. */
    boolean lostDuplicate;
    PluginState state;
    String reason;
    List<String> stepIds = List.of();
    /** What was last announced, so an unchanged plugin raises no event. */
    PluginInfo published;

    PluginEntry(PluginSource source, String print, Map<String, String> sha256) {
        this.source = source;
        this.print = print;
        this.sha256 = sha256;
    }

    String name() {
        return source.name();
    }

    String id() {
        return descriptor != null ? descriptor.id() : source.fallbackId();
    }

    String version() {
        return descriptor != null ? descriptor.version().toString() : SemanticVersion.NONE.toString();
    }

    /** Its steps if it may run (LOADED), else none. */
    List<Step> runningSteps() {
        return state == PluginState.LOADED ? loaded.steps() : List.of();
    }

    /** @return this, FAILED with the reason */
    PluginEntry fail(String why) {
        state = PluginState.FAILED;
        reason = why;
        return this;
    }

    /** The ids it claims; only for a loaded plugin (its descriptor was read). */
    DuplicateResolver.Claim claim() {
        return new DuplicateResolver.Claim(id(), descriptor.version(), name(), stepIds);
    }

    PluginInfo status() {
        return new PluginInfo(source.name(), state, stepIds, reason, id(), version(),
                descriptor == null ? "" : descriptor.description(), sha256);
    }
}
