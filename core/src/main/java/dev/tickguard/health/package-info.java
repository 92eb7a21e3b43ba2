/**
 * The health monitor: pluggable checks, breaker states, LLM latency and critical-step fallbacks
 * decide the {@link dev.tickguard.spi.SystemMode}, with hysteresis on the way back to NORMAL.
 * Inside the engine: exported only to the launcher ({@code dev.tickguard.app}).
 */
package dev.tickguard.health;
