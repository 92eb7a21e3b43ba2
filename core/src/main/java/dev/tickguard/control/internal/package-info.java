/**
 * The control API's implementation: {@link dev.tickguard.control.internal.EngineControl} over one
 * engine, the event-fed model behind snapshots and histories, gap-free delivery to subscribers, and
 * {@link dev.tickguard.control.internal.ActiveChaos}, the one model of what the user forced (faults
 * and forced breakers). The top of core: it wires every package below to the API, and nothing in
 * core uses it. Exported only to the launcher ({@code dev.tickguard.app}), which builds it.
 */
package dev.tickguard.control.internal;
