package dev.tickguard.config;

import java.util.Objects;

/**
 * The {@code logging:} section of config.yaml.
 *
 * @param level the log level ({@code logging.level})
 */
public record LoggingSettings(LogLevel level) {
    public LoggingSettings {
        Objects.requireNonNull(level, "level");
    }

    /** INFO. */
    public static LoggingSettings defaults() {
        return new LoggingSettings(LogLevel.INFO);
    }
}
