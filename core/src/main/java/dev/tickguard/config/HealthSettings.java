package dev.tickguard.config;

import java.time.Duration;

/**
 * The health monitor's thresholds.
 *
 * @param interval how often the checks run (note: 30 s)
 * @param llmLatencyDegraded LLM latency above which the system is DEGRADED (note: 15 s)
 * @param heapEmergencyPercent heap use above which the system is in EMERGENCY
 * @param diskMinFreeMb free space of the data folder's disk below which it counts as full (EMERGENCY)
 * @param recoveryChecks healthy check runs in a row that take RECOVERY back to NORMAL
 * @param recoveryTicks good ticks in a row (every step with its own result) that take RECOVERY back
 *     to NORMAL, whichever of the two comes first
 * @param criticalFallbackTicks ticks in a row in which every CRITICAL step fell back that mean EMERGENCY
 */
public record HealthSettings(Duration interval, Duration llmLatencyDegraded, int heapEmergencyPercent,
                             long diskMinFreeMb, int recoveryChecks, int recoveryTicks,
                             int criticalFallbackTicks) {
    /** The design note's numbers. */
    public static HealthSettings defaults() {
        return new HealthSettings(Duration.ofSeconds(30), Duration.ofSeconds(15), 95, 64, 2, 1, 3);
    }
}
