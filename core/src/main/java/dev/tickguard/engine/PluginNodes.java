package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;

/**
 * Makes a step's value (from {@code run}, {@code fallback} or {@code safeDefault}) a tree of
 * Jackson's own nodes before anyone else touches it. A plugin may return its own subclass of a node
 * (whose {@code toString()}, {@code deepCopy()} or {@code serialize()} blocks or throws) or a
 * {@link POJONode} wrapping its own object (whose getters run when written): plugin code that the
 * tick's continuation, the journal, the result cache and the dashboard would otherwise run without a
 * deadline. A tree of Jackson's own nodes is kept as it is (walking it is cheap); any other is
 * written and read back here. Call it on the thread that ran the plugin's code, under its deadline:
 * a node that blocks then makes a hung step, one that throws a failed one.
 *
 * <p>Stateless and thread-safe.
 */
final class PluginNodes {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ClassLoader JACKSON = JsonNode.class.getClassLoader();
    private static final String NODES = POJONode.class.getPackageName();
    /** Deeper trees are written and read back: Jackson's own nesting limits then apply. */
    private static final int MAX_WALK = 200;

    private PluginNodes() {
    }

    /** @return {@code value} itself if it is Jackson's own all the way down, else an own copy; null stays null */
    static JsonNode own(JsonNode value) throws IOException {
        if (value == null || isOwn(value, 0)) {
            return value;
        }
        JsonNode copy = MAPPER.readTree(MAPPER.writeValueAsBytes(value));
        if (copy == null || copy.isMissingNode()) {
            throw new IOException("its value could not be written as JSON");
        }
        return copy;
    }

    private static boolean isOwn(JsonNode n, int depth) {
        Class<?> type = n.getClass();
        // Jackson's own class: its loader and its package (a subclass, anonymous or not, lives elsewhere).
        if (depth > MAX_WALK || type.getClassLoader() != JACKSON || !NODES.equals(type.getPackageName())
                || n instanceof POJONode) {
            return false;
        }
        if (n.isContainerNode()) { // Jackson's own ObjectNode or ArrayNode: iterating it runs only Jackson's code
            for (JsonNode child : n) {
                if (!isOwn(child, depth + 1)) {
                    return false;
                }
            }
        }
        return true;
    }
}
