package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Building JSON schemas and outputs, and checking the model's answers against what a step needs. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode obj() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode arr() {
        return MAPPER.createArrayNode();
    }

    /** {@code {"type": "object", "properties": {...}, "required": [...]}} with every property required. */
    static ObjectNode objectSchema(Object... namesAndSchemas) {
        ObjectNode s = obj().put("type", "object");
        ObjectNode props = s.putObject("properties");
        ArrayNode required = s.putArray("required");
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            props.set((String) namesAndSchemas[i], (JsonNode) namesAndSchemas[i + 1]);
            required.add((String) namesAndSchemas[i]);
        }
        return s;
    }

    static ObjectNode string() {
        return obj().put("type", "string");
    }

    static ObjectNode bool() {
        return obj().put("type", "boolean");
    }

    static ObjectNode number(double min, double max) {
        return obj().put("type", "number").put("minimum", min).put("maximum", max);
    }

    static ObjectNode oneOf(String... values) {
        ObjectNode s = string();
        ArrayNode e = s.putArray("enum");
        for (String v : values) {
            e.add(v);
        }
        return s;
    }

    static ObjectNode arrayOf(JsonNode items, int min, int max) {
        ObjectNode s = obj().put("type", "array").put("minItems", min).put("maxItems", max);
        s.set("items", items);
        return s;
    }

    /** A non-blank text field of the answer. */
    static String text(JsonNode answer, String field) {
        JsonNode n = answer.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new InvalidAnswerException("answer has no text '" + field + "': " + abbreviate(answer));
        }
        return n.asText().trim();
    }

    /** A text field that must be one of {@code allowed}. */
    static String choice(JsonNode answer, String field, Set<String> allowed) {
        String v = text(answer, field).toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new InvalidAnswerException("answer's '" + field + "' is '" + v + "', not one of " + allowed);
        }
        return v;
    }

    /** A number field within [min, max]. */
    static double number(JsonNode answer, String field, double min, double max) {
        JsonNode n = answer.get(field);
        if (n == null || !n.isNumber()) {
            throw new InvalidAnswerException("answer has no number '" + field + "': " + abbreviate(answer));
        }
        double v = n.asDouble();
        if (v < min || v > max) {
            throw new InvalidAnswerException("answer's '" + field + "' is " + v + ", outside " + min + ".." + max);
        }
        return v;
    }

    /** An array field (possibly empty). */
    static ArrayNode array(JsonNode answer, String field) {
        JsonNode n = answer.get(field);
        if (n == null || !n.isArray()) {
            throw new InvalidAnswerException("answer has no list '" + field + "': " + abbreviate(answer));
        }
        return (ArrayNode) n;
    }

    static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
