package dev.tickguard.spi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.StepState;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link StepState} held in one JSON object: the test context's state, a worker's run-only state,
 * and the base of the database's. Subclasses hear of each write before it is made ({@link #beforeWrite},
 * which may refuse it) and after ({@link #written}). Thread-safe.
 */
public class MapStepState implements StepState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String stepId;
    // Guarded by this; replaced, never changed in place, so a copy handed out stays as it was.
    private ObjectNode values;

    /** @param start the state the run starts from (copied) */
    public MapStepState(String stepId, ObjectNode start) {
        this.stepId = Objects.requireNonNull(stepId, "stepId");
        this.values = start == null ? JSON.createObjectNode() : start.deepCopy();
    }

    /** The step whose state this is. */
    protected final String stepId() {
        return stepId;
    }

    @Override
    public synchronized Optional<JsonNode> get(String key) {
        JsonNode v = values.get(checked(key));
        return v == null ? Optional.empty() : Optional.of(v.deepCopy());
    }

    @Override
    public void put(String key, JsonNode value) {
        checked(key);
        // Converted to Jackson's own nodes here, on the step's thread: a plugin's node class never
        // runs later on the database's thread.
        JsonNode copy = copyOf(Objects.requireNonNull(value, "value"));
        synchronized (this) {
            ObjectNode next = values.deepCopy();
            next.set(key, copy);
            change(next);
        }
    }

    @Override
    public synchronized void remove(String key) {
        if (values.has(checked(key))) {
            ObjectNode next = values.deepCopy();
            next.remove(key);
            change(next);
        }
    }

    @Override
    public synchronized Set<String> keys() {
        Set<String> out = new LinkedHashSet<>();
        values.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A copy of the whole state. */
    public synchronized ObjectNode values() {
        return values.deepCopy();
    }

    private void change(ObjectNode next) {
        int bytes = next.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("the state of step '" + stepId + "' would be " + bytes
                    + " bytes of JSON, more than the " + MAX_BYTES + " a step may keep; nothing was changed");
        }
        beforeWrite();
        written(next.deepCopy());
        values = next; // only once written: a refused write changes nothing, here either
    }

    /** Called before a change is made; throws to refuse it (then nothing changes). */
    protected void beforeWrite() {
    }

    /** Called after a change, with a copy of the whole new state. */
    protected void written(ObjectNode newValues) {
    }

    private String checked(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a state key of step '" + stepId + "' must not be empty");
        }
        return key;
    }

    private static JsonNode copyOf(JsonNode value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
