package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.MemoryHit;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.util.List;

/** Embeds the monologue, retrieves the most similar memories, then stores the monologue for later ticks. */
public final class SemanticContextStep extends CognitiveStep {
    static final int TOP_K = 3;

    public SemanticContextStep() {
        super("semantic_context", Priority.IMPORTANT, Phase.SEQUENTIAL, 20, 10);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        String thought = ctx.output("monologue").map(n -> n.path("text").asText("")).orElse("");
        if (thought.isBlank()) {
            throw new InvalidAnswerException("no monologue to embed");
        }
        float[] vector = ctx.llm().embed(thought);
        List<MemoryHit> hits = ctx.memory().nearest(vector, TOP_K);
        ctx.checkCancelled();
        ctx.memory().storeEmbedding("tick-" + ctx.tick() + "/monologue", thought, vector);
        ObjectNode out = Json.obj();
        ArrayNode memories = out.putArray("memories");
        for (MemoryHit h : hits) {
            memories.addObject().put("key", h.key()).put("text", h.text())
                    .put("score", Math.round(h.score() * 1000) / 1000.0);
        }
        out.put("dimension", vector.length);
        return out;
    }

    @Override
    public JsonNode safeDefault() {
        ObjectNode out = Json.obj();
        out.putArray("memories");
        return out;
    }
}
