/**
 * The control API: the only entry point for front ends (the dashboard, the headless runner's stdin
 * commands, the Prometheus endpoint). {@link dev.tickguard.control.TickguardControl} watches and
 * steers a running Tickguard; every type it returns is an immutable record. The events it delivers
 * are those of {@link dev.tickguard.events.TickEvent}, in {@link dev.tickguard.events.Sequenced}
 * envelopes; the values it shares with lower packages live below it ({@code events},
 * {@code chaos}). No UI here.
 *
 * <p>Public, for front ends. It is the top of core: in core only its implementation,
 * {@code control.internal}, uses it (an ArchUnit test keeps it so).
 */
package dev.tickguard.control;
