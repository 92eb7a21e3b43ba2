/**
 * Implementations behind the SPI that the engine and the SPI's own test helper share. Not
 * exported and not for plugins: a plugin that uses a class of this package is refused at load,
 * like any other internal class.
 */
package dev.tickguard.spi.internal;
