package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.util.Set;

/**
 * Decides whether the agent has something worth telling its user, and drafts it. Nothing is sent
 * anywhere: the draft is part of the tick's output for the dashboard and the journal.
 */
public final class SocialInteractionStep extends CognitiveStep {
    static final JsonNode SCHEMA = Json.objectSchema("should_send", Json.bool(),
            "audience", Json.oneOf("user", "self", "none"), "message", Json.string());

    public SocialInteractionStep() {
        super("social_interaction", Priority.IMPORTANT, Phase.PARALLEL, 60, 25);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        JsonNode a = ctx.llm().chatJson("You handle an autonomous agent's communication. Be brief and only speak "
                + "when it helps. Answer with JSON.", "Thought: " + Prompts.thought(ctx) + "\nGoal: "
                + Prompts.goal(ctx) + "\nAction: " + Prompts.actionResult(ctx)
                + "\nIs there something worth telling the user? Draft the message.", SCHEMA);
        JsonNode send = a.get("should_send");
        if (send == null || !send.isBoolean()) {
            throw new InvalidAnswerException("answer has no boolean 'should_send': " + Json.abbreviate(a));
        }
        String audience = Json.choice(a, "audience", Set.of("user", "self", "none"));
        String message = a.path("message").asText("").trim();
        return Json.obj().put("should_send", send.asBoolean() && !message.isEmpty() && !audience.equals("none"))
                .put("audience", audience).put("message", message);
    }

    @Override
    public JsonNode safeDefault() {
        return Json.obj().put("should_send", false).put("audience", "none").put("message", "");
    }
}
