package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import dev.tickguard.spi.StepState;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lets the model propose changes to the agent's own parameters, and applies them only within safe
 * bounds: known parameters only, values kept in [0.1, 0.9], at most 0.1 of change per tick. Every
 * applied and rejected change is logged. The parameters are the step's state ({@link StepContext#state()},
 * key {@code parameters}), kept in Tickguard's database: a run repeated under its run key (a resumed
 * tick) starts from the parameters before its first attempt, so a change is applied once. (The
 * file-based version's {@code parameters.json} is imported once.)
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

    /** The state key the parameters live under. */
    static final String KEY = "parameters";

    public SelfModificationStep() {
        super("self_modification", Priority.OPTIONAL, Phase.PARALLEL, 20, 25);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        StepState state = ctx.state();
        Map<String, Double> params = load(state);
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
            state.put(KEY, Json.MAPPER.valueToTree(params));
        }
        out.set("parameters", Json.MAPPER.valueToTree(params));
        return out;
    }

    /**
     * The saved parameters, within bounds; defaults for missing ones and for values that are not
     * numbers (a state that is not an object reads as none saved, said once).
     */
    static Map<String, Double> load(StepState state) {
        Map<String, Double> params = new TreeMap<>(DEFAULTS);
        JsonNode n = state.get(KEY).orElse(null);
        if (n == null) {
            return params;
        }
        if (!n.isObject()) {
            LOG.warning(() -> "the self-modification parameters are not a JSON object (" + n.getNodeType()
                    + "); using the defaults");
            return params;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (params.containsKey(k) && n.get(k).isNumber()) {
                params.put(k, Math.max(MIN, Math.min(MAX, n.get(k).asDouble())));
            }
        }
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
