/**
 * {@code config.yaml}: immutable settings records whose defaults are the design note's numbers,
 * and a loader that refuses a bad file with the file, line and key of every problem.
 */
package dev.tickguard.config;
