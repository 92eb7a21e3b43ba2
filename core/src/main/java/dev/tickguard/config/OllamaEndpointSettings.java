package dev.tickguard.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One Ollama server of the pool ({@code ollama.endpoints} entry).
 *
 * @param name a short name used in breaker names ({@code ollama:<name>:chat}), chaos specs and metrics
 * @param url the server, e.g. {@code http://gpu1:11434}
 * @param weight the last tie-breaker of routing: among equally good endpoints the heavier is preferred
 * @param models the models this endpoint serves; empty means every model
 */
public record OllamaEndpointSettings(String name, String url, int weight, List<String> models) {
    public OllamaEndpointSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        models = List.copyOf(models);
    }

    /** True if this endpoint may be asked for {@code model} ({@code x} and {@code x:latest} are the same model). */
    public boolean serves(String model) {
        if (models.isEmpty()) {
            return true;
        }
        String m = canonical(model);
        for (String s : models) {
            if (canonical(s).equals(m)) {
                return true;
            }
        }
        return false;
    }

    /** A model name without the implied {@code :latest} tag, as Ollama treats them alike. */
    public static String canonical(String model) {
        if (model == null) {
            return "";
        }
        String m = model.trim().toLowerCase(Locale.ROOT);
        return m.endsWith(":latest") ? m.substring(0, m.length() - ":latest".length()) : m;
    }

    /** As config.yaml would write it (the Settings tab shows it). */
    @Override
    public String toString() {
        return "{name: " + name + ", url: " + url + ", weight: " + weight
                + (models.isEmpty() ? "" : ", models: " + models) + "}";
    }
}
