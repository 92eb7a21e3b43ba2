package com.example.weather;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.LlmException;
import dev.tickguard.spi.TestStepContext;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a plugin author tests a step: the SPI's TestStepContext instead of Tickguard around it. */
class WeatherStepTest {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Answers every JSON question with the same answer, and remembers the prompt. */
    static final class FixedLlm implements Llm {
        final JsonNode answer;
        volatile String lastPrompt;

        FixedLlm(JsonNode answer) {
            this.answer = answer;
        }

        @Override
        public String chat(String system, String prompt) {
            return answer.toString();
        }

        @Override
        public JsonNode chatJson(String system, String prompt, JsonNode schema) {
            lastPrompt = prompt;
            return answer;
        }

        @Override
        public float[] embed(String text) throws LlmException {
            throw new LlmException("not needed");
        }
    }

    @Test
    void readsTheMonologueAndReturnsTheSky() throws Exception {
        FixedLlm llm = new FixedLlm(JSON.objectNode().put("sky", "stormy").put("why", "too many goals"));
        TestStepContext ctx = TestStepContext.builder("inner_weather")
                .output("monologue", JSON.objectNode().put("text", "so much to do"))
                .llm(llm).build();
        JsonNode out = new WeatherStep().run(ctx);
        assertThat(out.get("sky").asText()).isEqualTo("stormy");
        assertThat(llm.lastPrompt).contains("so much to do");
    }

    @Test
    void anUnknownSkyIsAFailureAndTheFallbackIsFoggy() {
        TestStepContext ctx = TestStepContext.builder("inner_weather")
                .llm(new FixedLlm(JSON.objectNode().put("sky", "purple"))).build();
        WeatherStep step = new WeatherStep();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> step.run(ctx));
        Optional<JsonNode> fallback = step.fallback(ctx, e);
        assertThat(fallback).hasValueSatisfying(n -> assertThat(n.get("sky").asText()).isEqualTo("foggy"));
    }

    @Test
    void theFallbackSkyComesFromTheSettingsCheckedAtStart() throws Exception {
        WeatherStep step = new WeatherStep();
        step.start(TestStepContext.builder("inner_weather")
                .settings(JSON.objectNode().put("fallback_sky", "clear")).build());
        TestStepContext ctx = TestStepContext.builder("inner_weather").build();
        assertThat(step.fallback(ctx, new RuntimeException()).orElseThrow().get("sky").asText()).isEqualTo("clear");

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> step.start(TestStepContext.builder("inner_weather")
                        .settings(JSON.objectNode().put("fallback_sky", "purple")).build()));
        assertThat(e.getMessage()).isEqualTo("settings.fallback_sky must be one of [clear, cloudy, foggy, stormy], got \"purple\"");
    }

    @Test
    void withoutAnLlmTheContextSaysHowToGiveOne() {
        TestStepContext ctx = TestStepContext.builder("inner_weather").build();
        LlmException e = org.junit.jupiter.api.Assertions.assertThrows(LlmException.class, () -> new WeatherStep().run(ctx));
        assertThat(e.getMessage()).contains("TestStepContext.builder(..).llm(..)");
    }

    @Test
    void safeDefaultIsNeverNull() {
        assertThat(new WeatherStep().safeDefault()).isNotNull();
    }
}
