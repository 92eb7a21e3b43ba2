/**
 * The step SPI: the only API a Tickguard plugin sees.
 *
 * <p>A plugin implements {@link dev.tickguard.spi.Step} and registers it with
 * {@link java.util.ServiceLoader} (a {@code provides dev.tickguard.spi.Step with ...} clause in its
 * {@code module-info.java}, and a {@code META-INF/services/dev.tickguard.spi.Step} file so the
 * class path works too). Each tick the engine calls {@link dev.tickguard.spi.Step#run} with a
 * {@link dev.tickguard.spi.StepContext}; a step reaches the model only through
 * {@link dev.tickguard.spi.Llm} and long-term memory only through {@link dev.tickguard.spi.Memory}.
 *
 * <p>Everything in this package is stable: it changes only in a backwards-compatible way within a
 * major version. Nothing else in {@code dev.tickguard.core} is meant for plugins.
 */
package dev.tickguard.spi;
