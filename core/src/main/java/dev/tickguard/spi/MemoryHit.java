package dev.tickguard.spi;

/**
 * A stored text found by similarity.
 *
 * @param key the key it was stored under
 * @param text the stored text
 * @param score cosine similarity to the query, from -1 to 1
 */
public record MemoryHit(String key, String text, double score) {
}
