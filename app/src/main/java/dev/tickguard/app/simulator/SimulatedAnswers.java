package dev.tickguard.app.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The simulator's "model": deterministic text, JSON that follows a JSON schema, and embeddings in
 * which texts sharing words are close. Same seed and same prompt, same answer.
 */
final class SimulatedAnswers {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] OPENERS = {"I notice", "It seems", "Looking around, I see", "Right now",
        "My attention goes to", "I am aware of"};
    private static final String[] OBJECTS = {"the files in my sandbox", "a quiet system", "the last goal I pursued",
        "a pattern in recent episodes", "the state of my memory", "time passing between ticks",
        "an open question about my environment", "the results of my last action"};
    private static final String[] THOUGHTS = {"that deserves a closer look", "which seems stable",
        "and I want to understand it better", "so I should stay careful", "which could teach me something",
        "and nothing urgent is happening"};
    private static final String[] WORDS = {"observe", "analyze", "note", "memory", "pattern", "file", "goal",
        "belief", "question", "time", "change", "state", "careful", "curious", "environment", "plan"};

    private SimulatedAnswers() {
    }

    static Random random(long seed, String salt) {
        return new Random(seed * 1_000_003L + salt.hashCode());
    }

    /** A few sentences of free text, echoing a word of the prompt. */
    static String text(Random r, String prompt) {
        StringBuilder b = new StringBuilder();
        int sentences = 2 + r.nextInt(2);
        String echo = keyword(prompt, r);
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(pick(r, OPENERS)).append(' ').append(pick(r, OBJECTS)).append(", ").append(pick(r, THOUGHTS));
            if (i == 0 && echo != null) {
                b.append(" (").append(echo).append(")");
            }
            b.append('.');
        }
        return b.toString();
    }

    /** A value that validates against {@code schema} (the subset of JSON schema models are given). */
    static JsonNode fromSchema(Random r, JsonNode schema, String prompt, int depth) {
        if (schema.has("enum") && schema.get("enum").isArray() && !schema.get("enum").isEmpty()) {
            JsonNode e = schema.get("enum");
            return e.get(r.nextInt(e.size()));
        }
        String type = schema.path("type").asText("object");
        switch (type) {
            case "object": {
                ObjectNode o = F.objectNode();
                JsonNode props = schema.path("properties");
                for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (depth < 6) {
                        o.set(name, fromSchema(r, props.get(name), prompt, depth + 1));
                    }
                }
                return o;
            }
            case "array": {
                ArrayNode a = F.arrayNode();
                int min = schema.path("minItems").asInt(1);
                int max = Math.max(min, schema.path("maxItems").asInt(Math.max(min, 3)));
                int n = min + r.nextInt(max - min + 1);
                for (int i = 0; i < n && depth < 6; i++) {
                    a.add(fromSchema(r, schema.path("items"), prompt, depth + 1));
                }
                return a;
            }
            case "number": {
                double lo = schema.path("minimum").asDouble(0);
                double hi = schema.path("maximum").asDouble(1);
                return F.numberNode(Math.round((lo + r.nextDouble() * (hi - lo)) * 100) / 100.0);
            }
            case "integer": {
                int lo = schema.path("minimum").asInt(0);
                int hi = schema.path("maximum").asInt(lo + 10);
                return F.numberNode(lo + r.nextInt(Math.max(1, hi - lo + 1)));
            }
            case "boolean":
                return F.booleanNode(r.nextBoolean());
            default: {
                String s = phrase(r, prompt);
                int maxLen = schema.path("maxLength").asInt(Integer.MAX_VALUE);
                return F.textNode(s.length() > maxLen ? s.substring(0, maxLen) : s);
            }
        }
    }

    /** A generic JSON answer for {@code format: "json"} without a schema. */
    static JsonNode anyJson(Random r, String prompt) {
        ObjectNode o = F.objectNode();
        o.put("answer", text(r, prompt));
        o.put("confidence", Math.round(r.nextDouble() * 100) / 100.0);
        return o;
    }

    private static String phrase(Random r, String prompt) {
        String k = keyword(prompt, r);
        return (k != null ? k + " " : "") + pick(r, WORDS) + " " + pick(r, OBJECTS);
    }

    private static String keyword(String prompt, Random r) {
        List<String> words = new ArrayList<>();
        for (String w : prompt.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (w.length() > 5) {
                words.add(w);
            }
        }
        return words.isEmpty() ? null : words.get(r.nextInt(words.size()));
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    /**
     * A unit vector in which each word of the text adds to a few hashed dimensions, so texts that
     * share words have a high cosine similarity.
     */
    static float[] embedding(String text, int dim) {
        float[] v = new float[dim];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.isEmpty()) {
                continue;
            }
            int h = w.hashCode();
            for (int k = 0; k < 3; k++) {
                int idx = Math.floorMod(h * (31 * k + 17) + k, dim);
                v[idx] += (((h >> k) & 1) == 0) ? 1f : -1f;
            }
        }
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        if (norm == 0) {
            v[0] = 1f;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dim; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** Splits an answer into the pieces a stream sends one per line. */
    static List<String> tokens(String answer) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= answer.length(); i++) {
            if (i == answer.length() || answer.charAt(i) == ' ' || i - start >= 8) {
                out.add(answer.substring(start, i));
                start = i;
            }
        }
        return out;
    }
}
