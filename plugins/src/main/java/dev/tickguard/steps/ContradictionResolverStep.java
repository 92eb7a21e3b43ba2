package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;

/** Looks for contradictions between this tick's thought and recent experience, and proposes resolutions. */
public final class ContradictionResolverStep extends CognitiveStep {
    static final JsonNode SCHEMA = Json.objectSchema(
            "contradictions", Json.arrayOf(Json.objectSchema("between", Json.string(), "resolution", Json.string()), 0, 3),
            "consistent", Json.bool());

    public ContradictionResolverStep() {
        super("contradiction_resolver", Priority.IMPORTANT, Phase.PARALLEL, 40, 30);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        JsonNode a = ctx.llm().chatJson("You check an autonomous agent's thinking for contradictions. Answer with JSON.",
                "Thought: " + Prompts.thought(ctx) + "\nGoal: " + Prompts.goal(ctx) + "\nRecent episodes:\n"
                        + Prompts.recentEpisodes(ctx, 5)
                        + "List any contradictions (what conflicts with what, and how to resolve it), "
                        + "and say whether the whole is consistent.", SCHEMA);
        JsonNode consistent = a.get("consistent");
        if (consistent == null || !consistent.isBoolean()) {
            throw new InvalidAnswerException("answer has no boolean 'consistent': " + Json.abbreviate(a));
        }
        ObjectNode out = Json.obj();
        ArrayNode list = out.putArray("contradictions");
        for (JsonNode c : Json.array(a, "contradictions")) {
            list.addObject().put("between", Json.text(c, "between")).put("resolution", Json.text(c, "resolution"));
        }
        out.put("consistent", consistent.asBoolean() && list.isEmpty());
        return out;
    }

    @Override
    public JsonNode safeDefault() {
        ObjectNode out = Json.obj();
        out.putArray("contradictions");
        out.put("consistent", true);
        return out;
    }
}
