package dev.tickguard.config;

import java.time.Duration;

/**
 * Where the LLM is and how to talk to it.
 *
 * @param url the Ollama server, e.g. {@code http://localhost:11434}
 * @param model the model for chat calls ({@code ollama.model})
 * @param embedModel the model for embeddings
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout the longest silence on a connection; must cover a cold model load
 * @param maxRetries retries of a transient failure (connect error, 5xx, 503)
 * @param rateLimitPerSec LLM calls allowed per second (bursts up to the same number)
 * @param keepAlive how long Ollama keeps the model loaded after a call
 */
public record OllamaSettings(String url, String model, String embedModel, Duration connectTimeout,
                             Duration readTimeout, int maxRetries, double rateLimitPerSec, String keepAlive) {
    /** Local Ollama, llama3.2 and nomic-embed-text, generous limits. */
    public static OllamaSettings defaults() {
        return new OllamaSettings("http://localhost:11434", "llama3.2", "nomic-embed-text",
                Duration.ofSeconds(5), Duration.ofSeconds(300), 2, 20.0, "5m");
    }

    /** The same settings with another server URL. */
    public OllamaSettings withUrl(String newUrl) {
        return new OllamaSettings(newUrl, model, embedModel, connectTimeout, readTimeout, maxRetries,
                rateLimitPerSec, keepAlive);
    }
}
