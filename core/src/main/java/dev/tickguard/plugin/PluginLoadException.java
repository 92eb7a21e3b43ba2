package dev.tickguard.plugin;

/** Why a plugin cannot load, as one line a plugin author can act on. */
final class PluginLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PluginLoadException(String reason) {
        super(reason, null, false, false);
    }
}
