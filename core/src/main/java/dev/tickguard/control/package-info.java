/**
 * The control API: the only entry point for front ends (the dashboard, the headless runner's stdin
 * commands, the Prometheus endpoint). {@link dev.tickguard.control.TickguardControl} watches and
 * steers a running Tickguard; every type it returns is an immutable record. The events it delivers
 * are those of {@link dev.tickguard.events.TickEvent}, in {@link dev.tickguard.events.Sequenced}
 * envelopes. No UI here.
 */
package dev.tickguard.control;
