package dev.tickguard.plugin;

import dev.tickguard.spi.Step;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.List;

/**
 * A plugin whose steps were created and checked: its class loader stays open until the plugin is
 * unloaded.
 */
record LoadedPlugin(PluginSource source, PluginDescriptor descriptor, URLClassLoader loader, List<Step> steps) {

    LoadedPlugin {
        steps = List.copyOf(steps);
    }

    List<String> stepIds() {
        return steps.stream().map(Step::id).toList();
    }

    /** Releases the JAR files; the loader is collected once nothing refers to its classes. */
    void closeLoader() {
        try {
            loader.close();
        } catch (IOException ignored) {
            // Closing only releases file handles; a failure leaves them to the collector.
        }
    }
}
