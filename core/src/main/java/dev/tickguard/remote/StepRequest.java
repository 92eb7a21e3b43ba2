package dev.tickguard.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.SystemMode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step message: everything a worker needs to run one step of one tick, as JSON.
 *
 * @param agent the sending agent's id (a random id per data folder: agents sharing a broker never share one)
 * @param tick the tick number
 * @param step the step id
 * @param runKey the run's key, {@code <agent>:<tick>/<step>}: unique across agents, the same on every redelivery
 * @param attempt which delivery of the message this is: 1 as the agent publishes it (once; a failed publish
 *     falls back, it is never repeated); on a worker, the broker's delivery count ({@link #withAttempt})
 * @param deadlineEpochMs the absolute deadline (wall clock, ms since the epoch): a worker never starts
 *     a message past it (agent and worker clocks are assumed to agree, as NTP keeps them, within the
 *     abandonment grace)
 * @param timeoutMs the step's effective timeout in the agent, for the worker's own cut-off
 * @param mode the system mode when the tick started
 * @param settings the step's settings from the agent's config ({@code steps.<id>.settings})
 * @param inputs the outputs of earlier steps this step may read, by step id
 */
public record StepRequest(String agent, long tick, String step, String runKey, int attempt, long deadlineEpochMs,
                          long timeoutMs, SystemMode mode, JsonNode settings, Map<String, JsonNode> inputs) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The same message as delivered for the {@code n}th time (the worker's view after a redelivery). */
    public StepRequest withAttempt(int n) {
        return new StepRequest(agent, tick, step, runKey, n, deadlineEpochMs, timeoutMs, mode, settings, inputs);
    }

    /** The run key the agent uses for a step of a tick. */
    public static String runKey(String agent, long tick, String step) {
        return agent + ":" + tick + "/" + step;
    }

    public byte[] toBytes() {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", 1).put("agent", agent).put("tick", tick).put("step", step).put("run_key", runKey)
                .put("attempt", attempt).put("deadline_ms", deadlineEpochMs).put("timeout_ms", timeoutMs)
                .put("mode", mode.name());
        o.set("settings", settings);
        ObjectNode in = o.putObject("inputs");
        inputs.forEach(in::set);
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a step message", e); // JSON trees always write
        }
    }

    /**
     * Reads a step message.
     *
     * @throws IllegalArgumentException naming what is wrong, for a message that is not one (a poison message)
     */
    public static StepRequest parse(byte[] body) {
        JsonNode o;
        try {
            o = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a step message (not JSON)");
        }
        if (o == null || !o.isObject() || o.path("v").asInt() != 1) {
            throw new IllegalArgumentException("not a step message of version 1");
        }
        Map<String, JsonNode> inputs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("inputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            inputs.put(e.getKey(), e.getValue());
        }
        SystemMode mode;
        try {
            mode = SystemMode.valueOf(o.path("mode").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("step message has no valid mode: " + o.path("mode"));
        }
        String step = text(o, "step");
        String runKey = text(o, "run_key");
        JsonNode settings = o.path("settings").isObject() ? o.get("settings") : JSON.createObjectNode();
        return new StepRequest(text(o, "agent"), o.path("tick").asLong(), step, runKey, o.path("attempt").asInt(1),
                o.path("deadline_ms").asLong(), o.path("timeout_ms").asLong(), mode, settings, inputs);
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.path(field);
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new IllegalArgumentException("step message has no '" + field + "'");
        }
        return n.asText();
    }
}
