package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.Episode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.time.Instant;
import java.util.Optional;

/** Records the tick's episode (goal, action, outcome) in episodic memory, with a one-line reflection. */
public final class AfterActionStep extends CognitiveStep {
    public AfterActionStep() {
        super("after_action", Priority.CRITICAL, Phase.SEQUENTIAL, 50, 20);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        String what = describe(ctx);
        String outcome = outcome(ctx);
        String reflection = ctx.llm().chat("Reflect on the outcome of your action in one sentence.",
                what + " Outcome: " + outcome + ".").trim();
        ctx.checkCancelled();
        ctx.memory().record(new Episode(Instant.now(), ctx.tick(), "action", what + " " + reflection, outcome));
        return Json.obj().put("recorded", true).put("outcome", outcome).put("reflection", reflection);
    }

    /** Records the episode without a reflection: the memory matters more than the words. */
    @Override
    public Optional<JsonNode> fallback(StepContext ctx, Throwable failure) {
        try {
            String outcome = outcome(ctx);
            ctx.memory().record(new Episode(Instant.now(), ctx.tick(), "action", describe(ctx), outcome));
            return Optional.of(Json.obj().put("recorded", true).put("outcome", outcome).put("reflection", ""));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String describe(StepContext ctx) {
        JsonNode a = ctx.output("action").orElse(Json.obj());
        return "Goal '" + a.path("goal").asText("observe the environment") + "' via "
                + a.path("action_type").asText("observe")
                + (a.hasNonNull("file") ? " on " + a.get("file").asText() : "") + ".";
    }

    private static String outcome(StepContext ctx) {
        return ctx.output("action").map(a -> a.path("status").asText("unknown")).orElse("not_run");
    }

    @Override
    public JsonNode safeDefault() {
        return Json.obj().put("recorded", false).put("outcome", "unknown");
    }
}
