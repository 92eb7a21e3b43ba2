/**
 * Plugins: the built-in steps found through {@link java.util.ServiceLoader}
 * ({@link dev.tickguard.plugin.StepDiscovery}), and the plugins folder, live
 * ({@link dev.tickguard.plugin.PluginRegistry}): each plugin a JAR or a folder with its JAR and
 * {@code lib/}, in a class loader of its own that sees only the SPI, with a descriptor, a state, and
 * hot reload between ticks.
 */
package dev.tickguard.plugin;
