package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lets the model propose changes to the agent's own parameters, and applies them only within safe
 * bounds: known parameters only, values kept in [0.1, 0.9], at most 0.1 of change per tick. Every
 * applied and rejected change is logged. The parameters live in {@code parameters.json} in the
 * step's sandbox, written atomically.
 */
public final class SelfModificationStep extends CognitiveStep {
    static final Map<String, Double> DEFAULTS = Map.of("curiosity_level", 0.5, "caution_level", 0.5, "verbosity", 0.5);
    static final double MIN = 0.1;
    static final double MAX = 0.9;
    static final double MAX_STEP = 0.1;
    static final JsonNode SCHEMA = Json.objectSchema("changes", Json.arrayOf(Json.objectSchema(
            "parameter", Json.oneOf("curiosity_level", "caution_level", "verbosity"),
            "value", Json.number(0, 1),
            "reason", Json.string()), 0, 2));

    /** Where the parameters live, in the step's sandbox. */
    static final String FILE = "parameters.json";

    public SelfModificationStep() {
        super("self_modification", Priority.OPTIONAL, Phase.PARALLEL, 20, 25);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        Sandbox box = new Sandbox(ctx.sandbox());
        Map<String, Double> params = load(box);
        JsonNode a = ctx.llm().chatJson("You tune an autonomous agent's own parameters, cautiously. Answer with JSON.",
                "Current parameters: " + params + "\nLast action: " + Prompts.actionResult(ctx)
                        + "\nPropose 0 to 2 small changes (values between 0 and 1), each with a reason.", SCHEMA);
        ObjectNode out = Json.obj();
        ArrayNode applied = out.putArray("applied");
        ArrayNode rejected = out.putArray("rejected");
        for (JsonNode c : Json.array(a, "changes")) {
            String name = c.path("parameter").asText("");
            if (!params.containsKey(name) || !c.path("value").isNumber()) {
                rejected.addObject().put("parameter", name).put("why", "unknown parameter or no numeric value");
                continue;
            }
            double old = params.get(name);
            double wanted = c.get("value").asDouble();
            double bounded = Math.max(MIN, Math.min(MAX, Math.max(old - MAX_STEP, Math.min(old + MAX_STEP, wanted))));
            bounded = Math.round(bounded * 1000) / 1000.0;
            params.put(name, bounded);
            applied.addObject().put("parameter", name).put("from", old).put("to", bounded).put("asked", wanted)
                    .put("reason", c.path("reason").asText(""));
            double b = bounded;
            LOG.info(() -> "[HeavyTick #" + ctx.tick() + "] self-modification: " + name + " " + old + " -> " + b
                    + (b != wanted ? " (asked " + wanted + ", kept within bounds)" : ""));
        }
        if (!applied.isEmpty()) {
            box.write(FILE, Json.MAPPER.writeValueAsString(Json.MAPPER.valueToTree(params)));
        }
        out.set("parameters", Json.MAPPER.valueToTree(params));
        return out;
    }

    /**
     * The saved parameters, within bounds; defaults for missing ones. A damaged file (not JSON, not
     * UTF-8, a folder, a link, unreadable) is set aside as {@code parameters.json.bad} with a
     * warning, so the next save does not silently overwrite what was there.
     */
    static Map<String, Double> load(Sandbox box) throws IOException, Sandbox.EscapeException {
        Map<String, Double> params = new TreeMap<>(DEFAULTS);
        if (!box.exists(FILE)) {
            return params;
        }
        String problem;
        try {
            // Strict: bytes after the object are damage (set aside), not something to drop silently.
            JsonNode n = Json.MAPPER.reader().with(com.fasterxml.jackson.databind.DeserializationFeature
                    .FAIL_ON_TRAILING_TOKENS).readTree(box.readBytes(FILE));
            if (n != null && n.isObject()) {
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (params.containsKey(k) && n.get(k).isNumber()) {
                        params.put(k, Math.max(MIN, Math.min(MAX, n.get(k).asDouble())));
                    }
                }
                return params;
            }
            problem = "not a JSON object";
        } catch (Sandbox.EscapeException | IOException e) {
            problem = e instanceof com.fasterxml.jackson.core.JacksonException ? "not JSON" : e.getMessage();
        }
        String bad = box.setAside(FILE);
        String why = problem;
        LOG.warning(() -> "parameters file " + box.root().resolve(FILE) + " is damaged (" + why + "); moved to " + bad
                + "; using defaults");
        return params;
    }

    @Override
    public JsonNode safeDefault() {
        ObjectNode out = Json.obj();
        out.putArray("applied");
        out.putArray("rejected");
        return out;
    }
}
