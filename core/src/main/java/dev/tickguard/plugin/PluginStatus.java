package dev.tickguard.plugin;

import dev.tickguard.events.PluginState;
import java.util.List;
import java.util.Map;

/**
 * One plugin as the user sees it: what the dashboard's and the control API's plugin list show.
 *
 * @param id the plugin id ({@link PluginRegistry#BUILT_IN} for the steps shipped with Tickguard)
 * @param version its version, or {@code "unversioned"}
 * @param description its one-line description, possibly empty
 * @param source its file or folder name in the plugins folder ({@code "built-in"} for the built-in steps)
 * @param state its state
 * @param reason why it is not LOADED, in one line; {@code null} when LOADED
 * @param stepIds the steps it provides
 * @param sha256 the SHA-256 of each of its JARs, by path inside the plugins folder
 */
public record PluginStatus(String id, String version, String description, String source, PluginState state,
                           String reason, List<String> stepIds, Map<String, String> sha256) {
    public PluginStatus {
        stepIds = List.copyOf(stepIds);
        sha256 = Map.copyOf(sha256);
    }
}
