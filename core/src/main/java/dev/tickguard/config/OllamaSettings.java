package dev.tickguard.config;

import java.time.Duration;
import java.util.List;

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
 * @param endpoints {@code ollama.endpoints}: several servers as one pool; empty means the one at {@code url}
 * @param strategy {@code ollama.strategy}: how the pool picks an endpoint per call
 */
public record OllamaSettings(String url, String model, String embedModel, Duration connectTimeout,
                             Duration readTimeout, int maxRetries, double rateLimitPerSec, String keepAlive,
                             List<OllamaEndpointSettings> endpoints, OllamaStrategy strategy) {
    /** The name of the single endpoint {@code ollama.url} stands for. */
    public static final String DEFAULT_ENDPOINT = "default";

    public OllamaSettings {
        endpoints = List.copyOf(endpoints);
    }

    /** One server at {@code url} (a pool of one). */
    public OllamaSettings(String url, String model, String embedModel, Duration connectTimeout, Duration readTimeout,
                          int maxRetries, double rateLimitPerSec, String keepAlive) {
        this(url, model, embedModel, connectTimeout, readTimeout, maxRetries, rateLimitPerSec, keepAlive, List.of(),
                OllamaStrategy.LEAST_BUSY);
    }

    /** Local Ollama, llama3.2 and nomic-embed-text, generous limits. */
    public static OllamaSettings defaults() {
        return new OllamaSettings("http://localhost:11434", "llama3.2", "nomic-embed-text",
                Duration.ofSeconds(5), Duration.ofSeconds(300), 2, 20.0, "5m");
    }

    /** The same settings with one server at another URL (replaces a configured pool: {@code --ollama}). */
    public OllamaSettings withUrl(String newUrl) {
        return new OllamaSettings(newUrl, model, embedModel, connectTimeout, readTimeout, maxRetries,
                rateLimitPerSec, keepAlive, List.of(), strategy);
    }

    /** The same settings with these endpoints as the pool (the simulator's servers). */
    public OllamaSettings withEndpoints(List<OllamaEndpointSettings> pool) {
        return new OllamaSettings(pool.isEmpty() ? url : pool.get(0).url(), model, embedModel, connectTimeout,
                readTimeout, maxRetries, rateLimitPerSec, keepAlive, pool, strategy);
    }

    /** The servers calls go to: the configured endpoints, or the one at {@code url} named {@value #DEFAULT_ENDPOINT}. */
    public List<OllamaEndpointSettings> pool() {
        return endpoints.isEmpty() ? List.of(new OllamaEndpointSettings(DEFAULT_ENDPOINT, url, 1, List.of())) : endpoints;
    }
}
