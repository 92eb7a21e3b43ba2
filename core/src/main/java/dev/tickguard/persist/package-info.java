/**
 * Files that must never be half-written: atomic replace (temp file, force, rename), the data folder
 * and its lock, JSON lines, checkpoints and the tick journal.
 * Inside the engine: exported only to the launcher ({@code dev.tickguard.app}).
 */
package dev.tickguard.persist;
