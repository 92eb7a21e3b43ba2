package dev.tickguard.events;

/**
 * The outcome of one health check.
 *
 * @param check the check's name, e.g. {@code "heap"}
 * @param healthy whether the checked resource is fine
 * @param critical whether an unhealthy result means EMERGENCY (true) or only DEGRADED (false)
 * @param detail a short human-readable reading, e.g. {@code "heap 41% used"}
 * @param latencyMs how long the check took
 */
public record CheckResult(String check, boolean healthy, boolean critical, String detail, long latencyMs) {
}
