package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.Episode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.util.List;
import java.util.Optional;

/** The inner monologue: what the agent notices now, from the system's state and recent memory. */
public final class MonologueStep extends CognitiveStep {
    static final String FALLBACK_TEXT = "Observing the current state of the system and the environment.";
    private static final String SYSTEM = "You are the inner voice of an autonomous agent. Think in the first person, "
            + "briefly (two to four sentences), about what you notice and what matters now. No lists, no preamble.";

    public MonologueStep() {
        super("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 10, 30);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        List<Episode> recent = ctx.memory().recentEpisodes(5);
        StringBuilder prompt = new StringBuilder("Tick ").append(ctx.tick()).append(". System mode: ")
                .append(ctx.mode()).append(".\n");
        if (recent.isEmpty()) {
            prompt.append("You have no memories yet: this is your first moment of awareness.\n");
        } else {
            prompt.append("Your most recent experiences, newest first:\n");
            for (Episode e : recent) {
                prompt.append("- [tick ").append(e.tick()).append(", ").append(e.outcome()).append("] ")
                        .append(e.text()).append('\n');
            }
        }
        prompt.append("What is on your mind right now?");
        String text = ctx.llm().chat(SYSTEM, prompt.toString()).trim();
        if (text.length() < 10) {
            throw new InvalidAnswerException("monologue too short to use: '" + text + "'");
        }
        return Json.obj().put("text", text).put("memories_considered", recent.size());
    }

    @Override
    public Optional<JsonNode> fallback(StepContext ctx, Throwable failure) {
        return Optional.of(Json.obj().put("text", FALLBACK_TEXT).put("memories_considered", 0));
    }

    @Override
    public JsonNode safeDefault() {
        return Json.obj().put("text", FALLBACK_TEXT).put("memories_considered", 0);
    }
}
