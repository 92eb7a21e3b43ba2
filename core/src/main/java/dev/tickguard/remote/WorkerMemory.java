package dev.tickguard.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Episode;
import dev.tickguard.spi.Memory;
import dev.tickguard.spi.MemoryHit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A remote step's {@link Memory}: reads go to the agent that sent the step (its memory is the one
 * memory), through the broker, within the step's deadline; writes are kept here and travel back
 * with the result, and the agent applies them when it takes that result, so a run that is
 * redelivered and finishes twice writes its memory once. A read the agent cannot answer in time
 * (the broker is slow, the agent gone) reads as empty, like a memory with nothing in it.
 * One instance per run; thread-safe.
 */
final class WorkerMemory implements Memory {
    /** Sends one read to the agent and waits for its answer until the run's deadline; null if none came. */
    interface Reader {
        JsonNode read(ObjectNode query, long deadlineEpochMs) throws IOException, InterruptedException;
    }

    private final StepRequest request;
    private final Reader reader;
    private final List<Episode> episodes = new ArrayList<>(); // guarded by this
    private final List<StepReply.Embedding> embeddings = new ArrayList<>(); // guarded by this

    WorkerMemory(StepRequest request, Reader reader) {
        this.request = request;
        this.reader = reader;
    }

    @Override
    public synchronized void record(Episode episode) {
        episodes.add(episode);
    }

    @Override
    public List<Episode> recentEpisodes(int limit) {
        ObjectNode q = StepRequest.JSON.createObjectNode().put("run_key", request.runKey()).put("op", "recent")
                .put("n", limit);
        List<Episode> out = new ArrayList<>();
        for (JsonNode e : ask(q).path("episodes")) {
            out.add(new Episode(Instant.parse(e.path("time").asText()), e.path("tick").asLong(),
                    e.path("step").asText(), e.path("text").asText(), e.path("outcome").asText()));
        }
        // The step's own writes of this run come first, as the agent's memory would have them.
        synchronized (this) {
            List<Episode> mine = new ArrayList<>(episodes);
            java.util.Collections.reverse(mine);
            mine.addAll(out);
            return List.copyOf(mine.subList(0, Math.min(limit, mine.size())));
        }
    }

    @Override
    public synchronized void storeEmbedding(String key, String text, float[] vector) {
        embeddings.add(new StepReply.Embedding(key, text, vector.clone()));
    }

    @Override
    public List<MemoryHit> nearest(float[] vector, int k) {
        ObjectNode q = StepRequest.JSON.createObjectNode().put("run_key", request.runKey()).put("op", "nearest")
                .put("k", k);
        var v = q.putArray("vector");
        for (float f : vector) {
            v.add(f);
        }
        List<MemoryHit> out = new ArrayList<>();
        for (JsonNode h : ask(q).path("hits")) {
            out.add(new MemoryHit(h.path("key").asText(), h.path("text").asText(), h.path("score").asDouble()));
        }
        return out;
    }

    private JsonNode ask(ObjectNode q) {
        try {
            JsonNode a = reader.read(q, request.deadlineEpochMs());
            return a == null ? StepRequest.JSON.createObjectNode() : a;
        } catch (IOException e) {
            return StepRequest.JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the step is being cancelled: it sees the interrupt
            return StepRequest.JSON.createObjectNode();
        }
    }

    synchronized List<Episode> episodes() {
        return List.copyOf(episodes);
    }

    synchronized List<StepReply.Embedding> embeddings() {
        return List.copyOf(embeddings);
    }
}
