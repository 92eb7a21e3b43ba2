package dev.tickguard.config;

import java.util.Locale;

/** How the pool orders the endpoints that can take a call ({@code ollama.strategy}). */
public enum OllamaStrategy {
    /** Model loaded first, then fewest calls in flight, then weight: spreads load, avoids model swaps. */
    LEAST_BUSY,
    /** The endpoints in the order listed: the first that can take the call gets it (primary and backups). */
    ORDERED;

    /** As written in config.yaml: {@code least_busy}, {@code ordered}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
