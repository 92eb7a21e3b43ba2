/**
 * Everything that happens inside Tickguard, as one sealed family of {@link dev.tickguard.events.TickEvent}
 * records on an {@link dev.tickguard.events.EventBus}. The log, the journal, the history and the
 * dashboard are all listeners; the engine never waits for any of them.
 */
package dev.tickguard.events;
