package dev.tickguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tickguard.spi.Priority;
import java.time.Duration;

/**
 * The user's changes to one step, from {@code steps.<id>} in config.yaml. A {@code null} field
 * keeps the step's own value.
 *
 * @param settings the step's own settings ({@code steps.<id>.settings:}), never {@code null}: an
 *     empty object when there are none. Tickguard does not check them; the step does.
 * @param runOn where the step runs ({@code steps.<id>.run_on}), {@code null} = here (local)
 */
public record StepOverride(Duration timeout, Priority priority, Boolean enabled, JsonNode settings, RunOn runOn) {
    /** No change. */
    public static final StepOverride NONE = new StepOverride(null, null, null);

    /** Where a step runs: in the agent's process, or on a remote worker through the broker. */
    public enum RunOn { LOCAL, REMOTE }

    public StepOverride {
        settings = settings == null ? JsonNodeFactory.instance.objectNode() : settings.deepCopy();
    }

    /** An override that runs the step here. */
    public StepOverride(Duration timeout, Priority priority, Boolean enabled, JsonNode settings) {
        this(timeout, priority, enabled, settings, null);
    }

    /** An override without settings of the step's own. */
    public StepOverride(Duration timeout, Priority priority, Boolean enabled) {
        this(timeout, priority, enabled, null);
    }

    /** False only if the user disabled the step. */
    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /** True if the user sent the step to remote workers ({@code run_on: remote}). */
    public boolean isRemote() {
        return runOn == RunOn.REMOTE;
    }
}
