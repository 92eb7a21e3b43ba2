package com.example.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.BaseStep;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.PluginContext;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Describes the agent's inner weather from this tick's monologue: an OPTIONAL phase-2 step that
 * uses the LLM through the SPI, validates the answer, and offers a custom fallback. Its one setting,
 * {@code steps.inner_weather.settings.fallback_sky} in config.yaml, is checked in {@link #start}.
 */
public final class WeatherStep extends BaseStep {
    private static final Set<String> SKIES = Set.of("clear", "cloudy", "stormy", "foggy");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private volatile String fallbackSky = "foggy";

    public WeatherStep() {
        super("inner_weather", Priority.OPTIONAL, Phase.PARALLEL, 100, Duration.ofSeconds(10));
    }

    /** Reads and checks the settings once; a bad value stops the plugin with this message. */
    @Override
    public void start(PluginContext ctx) {
        JsonNode sky = ctx.settings().path("fallback_sky");
        if (sky.isMissingNode()) {
            return;
        }
        if (!SKIES.contains(sky.asText()) || !sky.isTextual()) {
            throw new IllegalArgumentException("settings.fallback_sky must be one of " + new java.util.TreeSet<>(SKIES)
                    + ", got " + sky);
        }
        fallbackSky = sky.asText();
        ctx.logger().log(System.Logger.Level.DEBUG, "fallback sky: " + fallbackSky);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        String thought = ctx.output("monologue").map(n -> n.path("text").asText()).orElse("");
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        props.putObject("sky").put("type", "string").putArray("enum").add("clear").add("cloudy").add("stormy").add("foggy");
        props.putObject("why").put("type", "string");
        schema.putArray("required").add("sky").add("why");
        JsonNode answer = ctx.llm().chatJson("Describe a mood as weather. Answer with JSON.",
                "Thought: " + thought + "\nWhat is the weather inside this mind?", schema);
        String sky = answer.path("sky").asText("");
        if (!SKIES.contains(sky)) {
            throw new IllegalStateException("unknown sky '" + sky + "'");
        }
        return JSON.objectNode().put("sky", sky).put("why", answer.path("why").asText(""));
    }

    @Override
    public Optional<JsonNode> fallback(StepContext ctx, Throwable failure) {
        return Optional.of(JSON.objectNode().put("sky", fallbackSky).put("why", "could not look outside: "
                + failure.getClass().getSimpleName()));
    }

    @Override
    public JsonNode safeDefault() {
        return JSON.objectNode().put("sky", "unknown");
    }
}
