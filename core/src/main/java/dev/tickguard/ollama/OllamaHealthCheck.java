package dev.tickguard.ollama;

import dev.tickguard.health.HealthCheck;
import java.time.Duration;

/**
 * Probes the LLM endpoint: {@code GET /api/version} (with its latency) and {@code GET /api/tags}
 * (is the chat model pulled?). Unhealthy, and so DEGRADED rather than EMERGENCY, when the server is
 * unreachable, the model is missing, or the probe is slower than the latency limit.
 */
public final class OllamaHealthCheck implements HealthCheck {
    private final OllamaClient probe;
    private final String model;
    private final Duration latencyLimit;

    /**
     * @param probe a client with short timeouts, sharing the fault injector of the main one
     * @param model the chat model that must be available
     * @param latencyLimit slower than this is unhealthy (note: 15 s)
     */
    public OllamaHealthCheck(OllamaClient probe, String model, Duration latencyLimit) {
        this.probe = probe;
        this.model = model;
        this.latencyLimit = latencyLimit;
    }

    @Override
    public String name() {
        return "ollama";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public Reading check() {
        long t0 = System.nanoTime();
        try {
            OllamaApi.Version v = probe.version();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > latencyLimit.toMillis()) {
                return Reading.failing("ollama " + v.version() + " answered in " + ms + "ms (limit "
                        + latencyLimit.toMillis() + "ms)");
            }
            OllamaApi.Tags tags = probe.tags();
            boolean present = tags.models() != null && tags.models().stream().anyMatch(m -> matches(m.name())
                    || matches(m.model()));
            if (!present) {
                return Reading.failing("model '" + model + "' is not pulled at " + probe.baseUrl()
                        + " (run `ollama pull " + model + "`)");
            }
            return Reading.ok("ollama " + v.version() + " at " + probe.baseUrl() + ", " + ms + "ms");
        } catch (OllamaException e) {
            return Reading.failing(words(e, probe.baseUrl()));
        }
    }

    /**
     * A failed probe as the mode's reason says it: the root cause and what to do, naming the URL, never a
     * Java class name (issue 18: "Ollama is not reachable at URL: start it with `ollama serve`").
     */
    static String words(OllamaException e, String url) {
        if (e.chaos() != null) {
            return "Ollama at " + url + " is cut off by the chaos fault " + e.chaos() + " you set: remove it to recover";
        }
        return switch (e.kind()) {
            case CONNECT -> "Ollama is not reachable at " + url + ": start it with `ollama serve`";
            case TIMEOUT -> "Ollama at " + url + " does not answer: restart it (`ollama serve`)";
            case BUSY -> "Ollama at " + url + " is busy (its queue is full): calls are retried";
            case MODEL_NOT_FOUND -> "Ollama at " + url + " lacks a model: " + e.getMessage();
            case CANCELLED -> "the check of Ollama at " + url + " was cut short (Tickguard is stopping)";
            default -> "Ollama at " + url + " answers wrongly: " + e.getMessage();
        };
    }

    private boolean matches(String name) {
        if (name == null) {
            return false;
        }
        return name.equals(model) || name.equals(model + ":latest");
    }
}
