package dev.tickguard.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Episode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's answer to a step message, as JSON: the step's output or why there is none, where it
 * ran, and the memory writes the step made (the agent applies them when it accepts the result, so a
 * redelivered run writes memory once).
 *
 * @param runKey the run it answers
 * @param worker the worker's name
 * @param host the worker's host name
 * @param value the step's output, or {@code null} if it failed
 * @param failure the failure kind ({@link Failure}), or {@code null} on success
 * @param error the failure's message, or {@code null}
 * @param refusedBy for {@link Failure#LLM_REFUSED}: the worker's breaker that refused the LLM call
 * @param durationMs how long the step ran on the worker
 * @param delivery which delivery of the message this was (1 = first; more after a worker died holding it)
 * @param episodes episodes the step recorded
 * @param embeddings embeddings the step stored
 * @param plugin the plugin that ran the step on the worker, id and version ({@code "greet 1.0.0"}), or
 *     {@code null} for a built-in step: a worker may have another version of a plugin than the agent
 */
public record StepReply(String runKey, String worker, String host, JsonNode value, Failure failure, String error,
                        String refusedBy, long durationMs, long delivery, List<Episode> episodes,
                        List<Embedding> embeddings, String plugin) {

    /** A reply from a built-in step (no plugin to name). */
    public StepReply(String runKey, String worker, String host, JsonNode value, Failure failure, String error,
                     String refusedBy, long durationMs, long delivery, List<Episode> episodes,
                     List<Embedding> embeddings) {
        this(runKey, worker, host, value, failure, error, refusedBy, durationMs, delivery, episodes, embeddings, null);
    }

    /** Why a remote run has no result. */
    public enum Failure {
        /** The step threw or returned nothing: the step's failure (its breaker counts it). */
        ERROR,
        /** An LLM call of the step failed on the worker: a dependency's failure. */
        LLM,
        /** The worker's LLM breaker refused the call. */
        LLM_REFUSED,
        /** The step ran past its deadline on the worker. */
        TIMEOUT,
        /** The worker cannot run this step (it does not have it). */
        UNSERVED
    }

    /** An embedding a step stored. */
    public record Embedding(String key, String text, float[] vector) {
    }

    public byte[] toBytes() {
        ObjectNode o = StepRequest.JSON.createObjectNode();
        o.put("run_key", runKey).put("worker", worker).put("host", host).put("duration_ms", durationMs)
                .put("delivery", delivery);
        if (value != null) {
            o.set("value", value);
        }
        if (plugin != null) {
            o.put("plugin", plugin);
        }
        if (failure != null) {
            o.put("failure", failure.name()).put("error", error);
            if (refusedBy != null) {
                o.put("refused_by", refusedBy);
            }
        }
        ArrayNode eps = o.putArray("episodes");
        for (Episode e : episodes) {
            eps.addObject().put("time", e.time().toString()).put("tick", e.tick()).put("step", e.step())
                    .put("text", e.text()).put("outcome", e.outcome());
        }
        ArrayNode embs = o.putArray("embeddings");
        for (Embedding e : embeddings) {
            ArrayNode v = embs.addObject().put("key", e.key()).put("text", e.text()).putArray("vector");
            for (float f : e.vector()) {
                v.add(f);
            }
        }
        try {
            return StepRequest.JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a step reply", e);
        }
    }

    /** Reads a reply; throws {@link IllegalArgumentException} for one that is not. */
    public static StepReply parse(byte[] body) {
        JsonNode o;
        try {
            o = StepRequest.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a step reply (not JSON)");
        }
        if (o == null || !o.path("run_key").isTextual()) {
            throw new IllegalArgumentException("not a step reply (no run_key)");
        }
        Failure failure = null;
        if (o.hasNonNull("failure")) {
            try {
                failure = Failure.valueOf(o.get("failure").asText());
            } catch (IllegalArgumentException e) {
                failure = Failure.ERROR;
            }
        }
        List<Episode> episodes = new ArrayList<>();
        for (JsonNode e : o.path("episodes")) {
            episodes.add(new Episode(Instant.parse(e.path("time").asText()), e.path("tick").asLong(),
                    e.path("step").asText(), e.path("text").asText(), e.path("outcome").asText()));
        }
        List<Embedding> embeddings = new ArrayList<>();
        for (JsonNode e : o.path("embeddings")) {
            JsonNode v = e.path("vector");
            float[] vector = new float[v.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) v.get(i).asDouble();
            }
            embeddings.add(new Embedding(e.path("key").asText(), e.path("text").asText(), vector));
        }
        return new StepReply(o.get("run_key").asText(), o.path("worker").asText("?"), o.path("host").asText("?"),
                o.hasNonNull("value") ? o.get("value") : null, failure,
                o.hasNonNull("error") ? o.get("error").asText() : null,
                o.hasNonNull("refused_by") ? o.get("refused_by").asText() : null,
                o.path("duration_ms").asLong(), o.path("delivery").asLong(1), episodes, embeddings,
                o.hasNonNull("plugin") ? o.get("plugin").asText() : null);
    }
}
