/**
 * {@code config.yaml}: immutable settings records whose defaults are the design note's numbers,
 * and a loader that refuses a bad file with the file, line and key of every problem.
 * Inside the engine: exported only to the launcher ({@code dev.tickguard.app}).
 */
package dev.tickguard.config;
