package dev.tickguard.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The language model as a step sees it. Every call goes through the engine's resilient client:
 * a circuit breaker per operation ({@code ollama:chat}, {@code ollama:embed}), retry with backoff
 * for transient errors, a rate limit, and latency statistics. Thread-safe.
 *
 * <p>Calls block until the model answers or fails; the step's deadline interrupts them.
 */
public interface Llm {

    /**
     * Asks the chat model for free text.
     *
     * @param system the system prompt (may be empty)
     * @param prompt the user prompt
     * @return the model's answer, never {@code null}
     * @throws LlmException if the model is unavailable, refuses, or the breaker is open
     */
    String chat(String system, String prompt) throws LlmException;

    /**
     * Asks the chat model for a JSON answer.
     *
     * @param system the system prompt (may be empty)
     * @param prompt the user prompt
     * @param schema a JSON schema the answer must follow, or {@code null} for any JSON object
     * @return the parsed answer
     * @throws LlmException if the call fails or the answer is not valid JSON
     */
    JsonNode chatJson(String system, String prompt, JsonNode schema) throws LlmException;

    /**
     * Embeds a text with the embedding model.
     *
     * @param text the text to embed
     * @return its embedding vector
     * @throws LlmException if the call fails or the breaker is open
     */
    float[] embed(String text) throws LlmException;
}
