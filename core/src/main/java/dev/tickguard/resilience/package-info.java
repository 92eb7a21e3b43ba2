/**
 * Named circuit breakers ({@code step:monologue}, {@code ollama:chat}, ...) on Failsafe, with a
 * chaos gate in front of each so that a breaker can be held open for as long as the user wants.
 */
package dev.tickguard.resilience;
