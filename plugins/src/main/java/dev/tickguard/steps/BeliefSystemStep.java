package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Updates what the agent believes about itself and its world, each belief with a confidence in [0, 1]. */
public final class BeliefSystemStep extends CognitiveStep {
    static final JsonNode SCHEMA = Json.objectSchema("beliefs", Json.arrayOf(
            Json.objectSchema("statement", Json.string(), "confidence", Json.number(0, 1)), 1, 5));

    public BeliefSystemStep() {
        super("belief_system", Priority.IMPORTANT, Phase.PARALLEL, 30, 30);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        JsonNode a = ctx.llm().chatJson("You maintain an autonomous agent's beliefs. Answer with JSON.",
                "Thought: " + Prompts.thought(ctx) + "\nRecent episodes:\n" + Prompts.recentEpisodes(ctx, 5)
                        + "State 1 to 5 beliefs this supports, each with a confidence between 0 and 1.", SCHEMA);
        List<ObjectNode> beliefs = new ArrayList<>();
        for (JsonNode b : Json.array(a, "beliefs")) {
            beliefs.add(Json.obj().put("statement", Json.text(b, "statement"))
                    .put("confidence", Json.number(b, "confidence", 0, 1)));
        }
        if (beliefs.isEmpty()) {
            throw new InvalidAnswerException("no beliefs in " + Json.abbreviate(a));
        }
        beliefs.sort(Comparator.comparingDouble((ObjectNode b) -> b.get("confidence").asDouble()).reversed());
        ObjectNode out = Json.obj();
        ArrayNode list = out.putArray("beliefs");
        beliefs.forEach(list::add);
        return out;
    }

    @Override
    public JsonNode safeDefault() {
        ObjectNode out = Json.obj();
        out.putArray("beliefs");
        return out;
    }
}
