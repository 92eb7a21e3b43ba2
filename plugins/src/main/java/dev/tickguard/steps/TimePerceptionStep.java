package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Episode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Measures time as the agent lived it (time since the last episode, episodes in the last hour) and
 * asks the model how fast time feels. Its custom fallback keeps the measurements without the model.
 */
public final class TimePerceptionStep extends CognitiveStep {
    static final JsonNode SCHEMA = Json.objectSchema("felt_pace", Json.oneOf("slow", "normal", "fast"),
            "note", Json.string());

    public TimePerceptionStep() {
        super("time_perception", Priority.OPTIONAL, Phase.PARALLEL, 50, 15);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        ObjectNode out = measure(ctx);
        JsonNode a = ctx.llm().chatJson("You are an autonomous agent's sense of time. Answer with JSON.",
                "Seconds since your last recorded experience: " + out.get("seconds_since_last_episode").asLong()
                        + ". Experiences in the last hour: " + out.get("episodes_last_hour").asInt()
                        + ". Does time feel slow, normal or fast? Add a short note.", SCHEMA);
        out.put("felt_pace", Json.choice(a, "felt_pace", Set.of("slow", "normal", "fast")));
        out.put("note", Json.text(a, "note"));
        return out;
    }

    private static ObjectNode measure(StepContext ctx) {
        Instant now = Instant.now();
        List<Episode> recent = ctx.memory().recentEpisodes(200);
        long since = recent.isEmpty() ? -1 : Duration.between(recent.get(0).time(), now).toSeconds();
        long lastHour = recent.stream().filter(e -> e.time().isAfter(now.minus(Duration.ofHours(1)))).count();
        return Json.obj().put("now", now.toString()).put("tick", ctx.tick()).put("seconds_since_last_episode", since)
                .put("episodes_last_hour", lastHour);
    }

    @Override
    public Optional<JsonNode> fallback(StepContext ctx, Throwable failure) {
        return Optional.of(measure(ctx).put("felt_pace", "unknown"));
    }

    @Override
    public JsonNode safeDefault() {
        return Json.obj().put("felt_pace", "unknown");
    }
}
