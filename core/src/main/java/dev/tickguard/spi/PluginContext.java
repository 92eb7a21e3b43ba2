package dev.tickguard.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * What a step's lifecycle hooks ({@link Step#start}) see: its settings, its data folder and a
 * logger. Thread-safe.
 */
public interface PluginContext {

    /** The id of the step this context belongs to. */
    String stepId();

    /**
     * The step's own settings, the tree under {@code steps.<id>.settings:} in config.yaml; an empty
     * object when there is none. The step validates it itself: throwing from {@code start} with a
     * clear message marks the plugin FAILED with that message.
     */
    JsonNode settings();

    /** The step's data folder (the same folder as {@link StepContext#sandbox()}), created on first use. */
    Path sandbox();

    /** A logger named {@code tickguard.step.<id>}; its lines go to Tickguard's log. */
    System.Logger logger();
}
