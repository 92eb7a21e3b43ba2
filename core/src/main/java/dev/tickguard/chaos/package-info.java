/**
 * Chaos as a value: {@link dev.tickguard.chaos.Chaos}, one deliberate fault (a failing, hanging or
 * slow step, a forced breaker, a misbehaving LLM connection) with its text form. Public API: a front
 * end builds these and hands them to the control API, and {@code ChaosChanged} events carry them.
 * Depends on nothing else of Tickguard; the machinery that applies a fault lives with what it
 * breaks (the engine's {@code StepFaults}, the Ollama client's {@code FaultInjector}, the breakers).
 */
package dev.tickguard.chaos;
