/**
 * The twelve built-in cognitive steps of the heavy tick. They use nothing of Tickguard but the
 * SPI ({@code dev.tickguard.spi}): any third-party plugin can be written the same way.
 */
package dev.tickguard.steps;
