/**
 * The Ollama simulator behind {@code --simulator}: a real HTTP server on a loopback port that
 * speaks enough of Ollama's API for real ticks end to end, deterministic for a seed. A product
 * feature of the launcher, not of the engine.
 */
package dev.tickguard.app.simulator;
