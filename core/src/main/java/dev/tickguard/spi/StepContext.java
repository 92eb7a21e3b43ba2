package dev.tickguard.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a step sees while it runs: one instance per step per tick. Thread-safe.
 */
public interface StepContext {

    /** The tick number, counting from 1 since the data folder was created. */
    long tick();

    /** The id of the step this context belongs to. */
    String stepId();

    /**
     * The output of an earlier step of this tick: in phase 1 the steps before this one, in phase 2
     * all of phase 1. A step that fell back contributes its fallback output.
     *
     * @param stepId the id of the earlier step, e.g. {@code "monologue"}
     * @return its output, or empty if it has not run (yet) in this tick or produced nothing
     */
    Optional<JsonNode> output(String stepId);

    /** All outputs visible to this step, by step id, in the order they were produced. */
    Map<String, JsonNode> outputs();

    /** The language model, behind the engine's resilient client (breakers, retry, rate limit). */
    Llm llm();

    /** The agent's long-term memory: episodes and embeddings that survive restarts. */
    Memory memory();

    /**
     * The step's own folder inside the data folder ({@code <data>/sandbox/<id>}), created on first
     * use: its data folder, which survives restarts. A step may read and write files only here.
     */
    Path sandbox();

    /**
     * The step's own settings, the tree under {@code steps.<id>.settings:} in config.yaml; an empty
     * object when there is none. The step validates what it reads.
     */
    default JsonNode settings() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    /** A logger named {@code tickguard.step.<id>}; its lines go to Tickguard's log. */
    default System.Logger logger() {
        return System.getLogger("tickguard.step." + stepId());
    }

    /**
     * This run's stable key: the same for this step of this tick however often it runs (a resume
     * after a crash, a redelivery to a remote worker), different for any other step or tick. A
     * step whose work reaches outside its output (a file, a message, a note) records the key with
     * that effect and skips the effect when the key is already there, so a repeated run does it
     * once. Since SPI 1.2.
     */
    default String runKey() {
        return tick() + "/" + stepId();
    }

    /**
     * The step's own small durable state, kept by Tickguard in its database under the step's id:
     * what the step must remember from one tick to the next, applied once even when a run is
     * repeated under the same {@link #runKey()} (see {@link StepState} for what is guaranteed; on a
     * remote worker it is local only). Since SPI 1.3.
     *
     * @throws UnsupportedOperationException from a context that keeps no state (one written for SPI 1.2)
     */
    default StepState state() {
        throw new UnsupportedOperationException("this step context keeps no state (StepContext.state() is SPI 1.3)");
    }

    /** The system mode when this tick started. */
    SystemMode mode();

    /**
     * True once the engine no longer wants this run's result: its deadline passed or the engine is
     * stopping. A long step should check it between pieces of work and stop early.
     */
    boolean cancelled();

    /**
     * Throws if {@link #cancelled()}: a convenient check point for long steps.
     *
     * @throws java.util.concurrent.CancellationException if the run is cancelled
     */
    default void checkCancelled() {
        if (cancelled() || Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("step '" + stepId() + "' was cancelled");
        }
    }
}
