package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.util.Set;

/** Thinks about this tick's thinking: how sound was the chain from thought to action, and what to adjust. */
public final class MetaCognitionStep extends CognitiveStep {
    static final JsonNode SCHEMA = Json.objectSchema("assessment", Json.string(),
            "confidence", Json.number(0, 1), "adjust", Json.oneOf("none", "slow_down", "speed_up", "be_careful"));

    public MetaCognitionStep() {
        super("meta_cognition", Priority.OPTIONAL, Phase.PARALLEL, 70, 25);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        StringBuilder chain = new StringBuilder();
        ctx.outputs().forEach((id, out) -> chain.append(id).append(": ").append(Json.abbreviate(out)).append('\n'));
        JsonNode a = ctx.llm().chatJson("You reflect on an autonomous agent's reasoning. Answer with JSON.",
                "This tick's steps and their outputs:\n" + chain + "System mode: " + ctx.mode()
                        + "\nHow sound was this reasoning, how confident are you, and what should change?", SCHEMA);
        return Json.obj().put("assessment", Json.text(a, "assessment"))
                .put("confidence", Json.number(a, "confidence", 0, 1))
                .put("adjust", Json.choice(a, "adjust", Set.of("none", "slow_down", "speed_up", "be_careful")))
                .put("mode", ctx.mode().name());
    }

    @Override
    public JsonNode safeDefault() {
        return Json.obj().put("assessment", "no reflection this tick").put("adjust", "none");
    }
}
