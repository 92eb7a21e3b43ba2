package dev.tickguard.spi;

import java.util.List;

/**
 * The agent's long-term memory: an episodic log and a vector store. Both survive restarts.
 * Thread-safe.
 */
public interface Memory {

    /** Appends an episode to the episodic store. */
    void record(Episode episode);

    /**
     * The most recent episodes, newest first.
     *
     * @param limit how many at most
     */
    List<Episode> recentEpisodes(int limit);

    /**
     * Stores a text with its embedding, replacing any earlier entry with the same key.
     *
     * @param key a stable identifier, e.g. {@code "tick-42/monologue"}
     * @param text the text that was embedded
     * @param vector its embedding
     */
    void storeEmbedding(String key, String text, float[] vector);

    /**
     * The stored texts most similar to a vector (cosine similarity), best first.
     *
     * @param vector the query embedding
     * @param k how many at most
     */
    List<MemoryHit> nearest(float[] vector, int k);
}
