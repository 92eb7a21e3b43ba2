package dev.tickguard.control;

import java.util.List;

/**
 * One source of steps (the built-in steps or a plugin JAR) and how loading it went. Immutable.
 *
 * @param source {@code "built-in"} or the JAR's file name
 * @param state whether it loaded
 * @param stepIds the steps it provided (empty when it failed)
 * @param reason why it failed, or {@code null}
 */
public record PluginInfo(String source, State state, List<String> stepIds, String reason) {
    public PluginInfo {
        stepIds = List.copyOf(stepIds);
    }

    /** The load state. */
    public enum State { LOADED, FAILED }
}
