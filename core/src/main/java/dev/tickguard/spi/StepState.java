package dev.tickguard.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * A step's own small durable state: a few named JSON values that survive restarts, kept by
 * Tickguard in its database under the step's id. For what a step must remember from one tick to the
 * next (a tuned parameter, a counter, the last thing it saw) instead of a file of its own. Since SPI 1.3.
 *
 * <p>What the agent guarantees:
 * <ul>
 *   <li><b>Kept once written</b>: a change is handed to the database when {@link #put} or
 *       {@link #remove} returns, and committed in order with the step's run: before the record of
 *       any step that ends later. A write is kept even if the run then fails (like a memory write).</li>
 *   <li><b>Applied once</b>: every run with the same {@link StepContext#runKey() run key} starts from
 *       the same state. A run repeated under its key (the tick resumed after a crash while this step
 *       ran) sees the state as it was before the first attempt, not what that attempt wrote, so a
 *       change computed from the state ("raise it by 0.1") is applied once, not twice.</li>
 *   <li><b>No late writes</b>: once the run is cancelled (its deadline passed, the engine stops, the
 *       run was abandoned) a write throws {@link java.util.concurrent.CancellationException} and
 *       changes nothing; neither can a run of an older tick overwrite a newer run's state.</li>
 *   <li>At most {@link #MAX_BYTES} of JSON per step; a write beyond it throws
 *       {@link IllegalArgumentException} and changes nothing.</li>
 * </ul>
 * On a remote worker the state is local only: the run sees an empty state and what it writes lasts
 * only for that run (one warning says so); run a step that needs state in the agent.
 *
 * <p>Values are copied in and out: changing a node after {@code put}, or one {@code get} returned,
 * changes nothing stored. Thread-safe.
 */
public interface StepState {
    /** The most JSON (UTF-8 bytes) one step may keep. */
    int MAX_BYTES = 64 * 1024;

    /** The value stored under {@code key}, or empty if there is none. */
    Optional<JsonNode> get(String key);

    /**
     * Stores {@code value} under {@code key}, replacing what was there.
     *
     * @throws IllegalArgumentException if the key is empty or the step's state would exceed {@link #MAX_BYTES}
     * @throws java.util.concurrent.CancellationException if the run is cancelled
     */
    void put(String key, JsonNode value);

    /** Removes {@code key} (nothing if it is not there); throws like {@link #put} when the run is cancelled. */
    void remove(String key);

    /** The keys stored, in the order they were first stored. */
    Set<String> keys();
}
