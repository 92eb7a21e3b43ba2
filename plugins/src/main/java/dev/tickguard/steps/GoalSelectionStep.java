package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the tick's goal in two LLM calls: brainstorm candidate goals, then pick one and type it
 * as an action ({@code observe}, {@code analyze} a sandbox file, {@code write_note}) with a risk level.
 */
public final class GoalSelectionStep extends CognitiveStep {
    static final Set<String> ACTIONS = Set.of("observe", "analyze", "write_note");
    static final Set<String> RISKS = Set.of("low", "medium", "high");
    static final JsonNode CANDIDATES_SCHEMA = Json.objectSchema(
            "candidates", Json.arrayOf(Json.objectSchema("goal", Json.string(), "why", Json.string()), 2, 4));
    static final JsonNode GOAL_SCHEMA = Json.objectSchema(
            "goal", Json.string(),
            "reasoning", Json.string(),
            "action_type", Json.oneOf("observe", "analyze", "write_note"),
            "risk_level", Json.oneOf("low", "medium", "high"),
            "target", Json.string());
    private static final String SYSTEM = "You are the strategy engine of an autonomous agent that lives in a small "
            + "sandbox folder. It can only observe the folder, analyze (read) one file in it, or write a note in it. "
            + "Answer with JSON only.";

    public GoalSelectionStep() {
        super("goal_selection", Priority.CRITICAL, Phase.SEQUENTIAL, 30, 90);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        String thought = ctx.output("monologue").map(n -> n.path("text").asText()).orElse("(no thoughts)");
        StringBuilder context = new StringBuilder("Current thought: ").append(thought).append('\n');
        ctx.output("semantic_context").ifPresent(sc -> sc.path("memories").forEach(m ->
                context.append("Related memory: ").append(m.path("text").asText()).append('\n')));

        JsonNode brainstorm = ctx.llm().chatJson(SYSTEM, context + "List 2 to 4 candidate goals for this moment, "
                + "each with a short reason.", CANDIDATES_SCHEMA);
        ArrayNode candidates = Json.array(brainstorm, "candidates");
        if (candidates.isEmpty()) {
            throw new InvalidAnswerException("no candidate goals");
        }
        StringBuilder list = new StringBuilder();
        for (JsonNode c : candidates) {
            list.append("- ").append(Json.text(c, "goal")).append('\n');
        }
        ctx.checkCancelled();
        JsonNode choice = ctx.llm().chatJson(SYSTEM, context + "Candidate goals:\n" + list
                + "Pick the single best goal. Give action_type (observe, analyze or write_note), risk_level "
                + "(low, medium or high), your reasoning, and target: the file name to analyze or the title of the "
                + "note to write (empty for observe).", GOAL_SCHEMA);
        ObjectNode goal = Json.obj();
        goal.put("goal", Json.text(choice, "goal"));
        goal.put("reasoning", Json.text(choice, "reasoning"));
        goal.put("action_type", Json.choice(choice, "action_type", ACTIONS));
        goal.put("risk_level", Json.choice(choice, "risk_level", RISKS));
        goal.put("target", choice.path("target").asText(""));
        goal.put("candidates", candidates.size());
        LOG.info(() -> "[HeavyTick #" + ctx.tick() + "] Goal (StrategyEngine): '" + goal.get("goal").asText()
                + "' action=" + goal.get("action_type").asText() + " risk=" + goal.get("risk_level").asText());
        return goal;
    }

    @Override
    public Optional<JsonNode> fallback(StepContext ctx, Throwable failure) {
        return Optional.of(safeDefault());
    }

    @Override
    public JsonNode safeDefault() {
        return Json.obj().put("goal", "observe the environment").put("action_type", "observe")
                .put("risk_level", "low");
    }
}
