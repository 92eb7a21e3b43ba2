package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.LlmException;

/** The LLM of an engine built without one: every call fails clearly, so steps fall back. */
final class UnconfiguredLlm implements Llm {
    private static LlmException unavailable() {
        return new LlmException("no LLM is configured for this engine");
    }

    @Override
    public String chat(String system, String prompt) throws LlmException {
        throw unavailable();
    }

    @Override
    public JsonNode chatJson(String system, String prompt, JsonNode schema) throws LlmException {
        throw unavailable();
    }

    @Override
    public float[] embed(String text) throws LlmException {
        throw unavailable();
    }
}
