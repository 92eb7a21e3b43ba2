/**
 * Named circuit breakers ({@code step:monologue}, {@code ollama:chat}, ...) on Failsafe, with a
 * gate in front of each so that a breaker can be held open or closed for as long as the user wants
 * (the user forces it through chaos: {@code force-open:<breaker>}, {@code force-closed:<breaker>}).
 * Inside the engine: exported only to the launcher ({@code dev.tickguard.app}).
 */
package dev.tickguard.resilience;
