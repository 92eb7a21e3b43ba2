package dev.tickguard.events;

import java.util.List;
import java.util.Map;

/**
 * One plugin (or the built-in steps) as a front end lists it. Immutable.
 *
 * @param source {@code "built-in"}, or the plugin's file or folder name in the plugins folder
 * @param state its state
 * @param stepIds the steps it provides
 * @param reason why it is not LOADED, in one line, or {@code null}
 * @param id its plugin id ({@code Tickguard-Plugin-Id}, else its file name; {@code "built-in"})
 * @param version its version, or {@code "unversioned"}
 * @param description its one-line description, possibly empty
 * @param sha256 the SHA-256 of each of its JARs, by path inside the plugins folder (what
 *     {@link dev.tickguard.control.TickguardControl#approvePlugin} takes)
 */
public record PluginInfo(String source, PluginState state, List<String> stepIds, String reason, String id,
                         String version, String description, Map<String, String> sha256) {
    public PluginInfo {
        stepIds = List.copyOf(stepIds);
        sha256 = Map.copyOf(sha256);
    }

    /** A source known only by its file name (no descriptor read). */
    public PluginInfo(String source, PluginState state, List<String> stepIds, String reason) {
        this(source, state, stepIds, reason, source, "unversioned", "", Map.of());
    }
}
