/**
 * The agent's long-term memory behind {@link dev.tickguard.spi.Memory}: append-only JSON-lines
 * files in the data folder, which survive restarts and crashes (a torn last line is skipped).
 * Inside the engine: exported only to the launcher ({@code dev.tickguard.app}). Steps see it only as the SPI's {@code Memory}.
 */
package dev.tickguard.memory;
