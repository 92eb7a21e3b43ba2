package dev.tickguard.config;

import java.util.logging.Level;

/** The levels {@code logging.level} accepts, mapped onto java.util.logging. */
public enum LogLevel {
    ERROR(Level.SEVERE), WARN(Level.WARNING), INFO(Level.INFO), DEBUG(Level.FINE), TRACE(Level.FINEST);

    private final Level julLevel;

    LogLevel(Level julLevel) {
        this.julLevel = julLevel;
    }

    /** The matching java.util.logging level. */
    public Level julLevel() {
        return julLevel;
    }
}
