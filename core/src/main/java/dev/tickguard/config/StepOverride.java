package dev.tickguard.config;

import dev.tickguard.spi.Priority;
import java.time.Duration;

/**
 * The user's changes to one step, from {@code steps.<id>} in config.yaml. A {@code null} field
 * keeps the step's own value.
 */
public record StepOverride(Duration timeout, Priority priority, Boolean enabled) {
    /** No change. */
    public static final StepOverride NONE = new StepOverride(null, null, null);

    /** False only if the user disabled the step. */
    public boolean isEnabled() {
        return enabled == null || enabled;
    }
}
