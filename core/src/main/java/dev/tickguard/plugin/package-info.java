/**
 * Finding steps: the built-in ones through {@link java.util.ServiceLoader}, and drop-in plugin JARs
 * from the plugins folder, each in its own module layer and class loader, each failure reported
 * on its own without stopping the others.
 */
package dev.tickguard.plugin;
