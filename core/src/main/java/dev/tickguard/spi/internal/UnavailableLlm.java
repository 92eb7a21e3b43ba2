package dev.tickguard.spi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.LlmException;
import java.util.Objects;

/**
 * The "no LLM" stand-in: every call throws a non-transient {@link LlmException} with one message
 * that says why there is no model, so a step that asks falls back at once. The engine gives it to
 * steps when it was built without an LLM; {@link dev.tickguard.spi.TestStepContext} uses it when a
 * test gives none. Immutable, thread-safe.
 */
public final class UnavailableLlm implements Llm {
    private final String reason;

    /**
     * @param reason the message of every call's exception, e.g. how to supply a model
     */
    public UnavailableLlm(String reason) {
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private LlmException unavailable() {
        return new LlmException(reason);
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

    @Override
    public String toString() {
        return "UnavailableLlm[" + reason + "]";
    }
}
