package dev.tickguard.events;

/** Where a plugin stands. Every plugin in the plugins folder is in exactly one of these states. */
public enum PluginState {
    /** Loaded and started; its steps run from the next tick. */
    LOADED,
    /** Could not be loaded or started; the reason says why in one line. Fixed by replacing the file. */
    FAILED,
    /** Switched off by the user (config or control API), or waiting for its SHA-256 to be approved. */
    DISABLED,
    /** Switched off by Tickguard because a step kept ignoring its deadline; runs again once re-enabled. */
    QUARANTINED
}
