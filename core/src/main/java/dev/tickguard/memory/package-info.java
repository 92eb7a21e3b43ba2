/**
 * The agent's long-term memory behind {@link dev.tickguard.spi.Memory}: append-only JSON-lines
 * files in the data folder, which survive restarts and crashes (a torn last line is skipped).
 */
package dev.tickguard.memory;
