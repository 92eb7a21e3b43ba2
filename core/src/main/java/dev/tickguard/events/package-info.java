/**
 * What happens inside Tickguard, as values: one sealed family of {@link dev.tickguard.events.TickEvent}
 * records, the {@link dev.tickguard.events.Sequenced} envelope that numbers them, and the values they
 * and the control API carry (tick and step records, breaker, plugin and engine states, breaker modes,
 * plugin infos). Public API, for front ends and anyone reading a history; plain immutable values,
 * with no machinery: publishing and listening live in {@code dev.tickguard.bus}.
 */
package dev.tickguard.events;
