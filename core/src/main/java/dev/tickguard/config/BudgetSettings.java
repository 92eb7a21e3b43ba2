package dev.tickguard.config;

import dev.tickguard.spi.Priority;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code budgets:} section of config.yaml: the wall time the steps of each priority may use
 * per tick ({@code budgets.critical_sec}, {@code budgets.important_sec}, {@code budgets.optional_sec}).
 */
public record BudgetSettings(Duration critical, Duration important, Duration optional) {
    public BudgetSettings {
        Objects.requireNonNull(critical, "critical");
        Objects.requireNonNull(important, "important");
        Objects.requireNonNull(optional, "optional");
    }

    /** The design note's numbers: 15, 8 and 3 s. */
    public static BudgetSettings defaults() {
        return new BudgetSettings(Duration.ofSeconds(15), Duration.ofSeconds(8), Duration.ofSeconds(3));
    }

    /** The budget of a priority. */
    public Duration of(Priority p) {
        return switch (p) {
            case CRITICAL -> critical;
            case IMPORTANT -> important;
            case OPTIONAL -> optional;
        };
    }
}
