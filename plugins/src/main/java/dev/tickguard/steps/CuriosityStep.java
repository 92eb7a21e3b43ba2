package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.util.Optional;

/** Asks what the agent would like to find out, given this tick's thought and action. */
public final class CuriosityStep extends CognitiveStep {
    static final JsonNode SCHEMA = Json.objectSchema(
            "questions", Json.arrayOf(Json.string(), 1, 3), "reason", Json.string());

    public CuriosityStep() {
        super("curiosity", Priority.OPTIONAL, Phase.PARALLEL, 10, 30);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        String prompt = "Thought: " + Prompts.thought(ctx) + "\nAction result: " + Prompts.actionResult(ctx)
                + "\nWhat 1 to 3 questions would you most like answered next, and why?";
        JsonNode a = ctx.llm().chatJson("You are the curiosity engine of an autonomous agent. Answer with JSON.",
                prompt, SCHEMA);
        ArrayNode qs = Json.array(a, "questions");
        ObjectNode out = Json.obj();
        ArrayNode questions = out.putArray("questions");
        for (JsonNode q : qs) {
            if (q.isTextual() && !q.asText().isBlank()) {
                questions.add(q.asText().trim());
            }
        }
        if (questions.isEmpty()) {
            throw new InvalidAnswerException("no usable questions in " + Json.abbreviate(a));
        }
        out.put("reason", Json.text(a, "reason"));
        return out;
    }

    /** The design note's fallback. */
    @Override
    public Optional<JsonNode> fallback(StepContext ctx, Throwable failure) {
        return Optional.of(safeDefault());
    }

    @Override
    public JsonNode safeDefault() {
        ObjectNode out = Json.obj();
        out.putArray("questions");
        out.put("reason", "Curiosity engine unavailable");
        return out;
    }
}
