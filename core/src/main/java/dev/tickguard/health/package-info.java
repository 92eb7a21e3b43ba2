/**
 * The health monitor: pluggable checks, breaker states, LLM latency and critical-step fallbacks
 * decide the {@link dev.tickguard.spi.SystemMode}, with hysteresis on the way back to NORMAL.
 */
package dev.tickguard.health;
