/**
 * The event machinery: {@link dev.tickguard.bus.EventBus} delivers {@code TickEvent}s to listeners
 * without ever making the publisher wait, and the standard listeners are here too:
 * {@link dev.tickguard.bus.TickLog} (the log lines) and {@link dev.tickguard.bus.TickHistory} (the
 * recent ticks). The log, the journal, the metrics and the dashboard are all listeners; the engine
 * never waits for any of them. Not API: exported only to the launcher that wires it
 * ({@code dev.tickguard.app}); front ends subscribe through the control API.
 */
package dev.tickguard.bus;
