package dev.tickguard.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.persist.AtomicFiles;
import dev.tickguard.persist.DataFolderException;
import dev.tickguard.persist.JsonLines;
import dev.tickguard.spi.Episode;
import dev.tickguard.spi.Memory;
import dev.tickguard.spi.MemoryHit;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@link Memory} on two append-only JSON-lines files: {@code episodes.jsonl} and
 * {@code vectors.jsonl}.
 *
 * <p>Why files and not SQLite: the data is small (thousands of entries), written one entry at a
 * time and read whole at start-up; an append of one line is crash-safe enough (a torn last line is
 * cut off and kept aside on load, see {@link JsonLines}) and needs no native library inside the
 * jlink image. The vector file is
 * compacted (rewritten atomically) when replaced entries make up half of it. Thread-safe.
 */
public final class FileMemory implements Memory {
    private static final Logger LOG = Logger.getLogger(FileMemory.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Episodes kept in memory for {@link #recentEpisodes}; the file keeps them all. */
    private static final int RECENT_EPISODES = 1_000;

    private final Path episodesFile;
    private final Path vectorsFile;
    private final ArrayDeque<Episode> recent = new ArrayDeque<>();
    private final Map<String, Entry> vectors = new LinkedHashMap<>();
    private int vectorLines;
    private boolean appendFailed;
    private long lastTick;

    private record Entry(String text, float[] vector, double norm) {
    }

    /**
     * Opens (or creates) the memory in {@code dir}. Damaged lines are skipped with a warning and
     * kept aside; a file that cannot be read at all is set aside (see {@link JsonLines#load}).
     *
     * @throws DataFolderException if a damaged file can be neither repaired nor set aside
     */
    public FileMemory(Path dir) {
        this.episodesFile = dir.resolve("episodes.jsonl");
        this.vectorsFile = dir.resolve("vectors.jsonl");
        loadEpisodes();
        loadVectors();
    }

    @Override
    public synchronized void record(Episode e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", e.time().toString());
        n.put("tick", e.tick());
        n.put("step", e.step());
        n.put("text", e.text());
        n.put("outcome", e.outcome());
        append(episodesFile, n);
        if (recent.size() == RECENT_EPISODES) {
            recent.removeLast();
        }
        recent.addFirst(e);
    }

    @Override
    public synchronized List<Episode> recentEpisodes(int limit) {
        List<Episode> out = new ArrayList<>(Math.min(limit, recent.size()));
        Iterator<Episode> it = recent.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    @Override
    public synchronized void storeEmbedding(String key, String text, float[] vector) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", key);
        n.put("text", text);
        ArrayNode v = n.putArray("vector");
        for (float f : vector) {
            v.add(f);
        }
        append(vectorsFile, n);
        vectorLines++;
        vectors.remove(key);
        vectors.put(key, new Entry(text, vector.clone(), norm(vector)));
        if (vectorLines > 64 && vectorLines > 2 * vectors.size()) {
            compactVectors();
        }
    }

    @Override
    public synchronized List<MemoryHit> nearest(float[] query, int k) {
        double qn = norm(query);
        List<MemoryHit> hits = new ArrayList<>();
        if (qn == 0 || k <= 0) {
            return hits;
        }
        for (Map.Entry<String, Entry> e : vectors.entrySet()) {
            Entry en = e.getValue();
            if (en.vector().length != query.length || en.norm() == 0) {
                continue;
            }
            double dot = 0;
            for (int i = 0; i < query.length; i++) {
                dot += query[i] * en.vector()[i];
            }
            hits.add(new MemoryHit(e.getKey(), en.text(), dot / (qn * en.norm())));
        }
        hits.sort((a, b) -> Double.compare(b.score(), a.score()));
        return hits.size() > k ? new ArrayList<>(hits.subList(0, k)) : hits;
    }

    /**
     * The highest tick number found in the memory files at start-up: a tick killed before it was
     * journaled may still have left entries, and its number must not be used again.
     */
    public synchronized long lastTick() {
        return lastTick;
    }

    /** N from a key of the form {@code tick-N/...}, else 0. */
    private static long tickOf(String key) {
        if (!key.startsWith("tick-")) {
            return 0;
        }
        int end = key.indexOf('/');
        try {
            return Long.parseLong(key.substring(5, end < 0 ? key.length() : end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** How many embeddings are stored. */
    public synchronized int vectorCount() {
        return vectors.size();
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        return Math.sqrt(s);
    }

    private void append(Path file, JsonNode n) {
        try {
            if (appendFailed) {
                // A failed append may have left part of a line: mend the end before the next one.
                JsonLines.repairTail(file);
                appendFailed = false;
            }
            JsonLines.append(file, n);
        } catch (IOException e) {
            appendFailed = true;
            throw new UncheckedIOException("cannot write memory file " + file + ": " + DataFolderException.reason(e), e);
        }
    }

    private void loadEpisodes() {
        for (JsonNode n : JsonLines.load(episodesFile)) {
            try {
                Episode e = new Episode(Instant.parse(n.path("time").asText()), n.path("tick").asLong(),
                        n.path("step").asText(), n.path("text").asText(), n.path("outcome").asText());
                lastTick = Math.max(lastTick, e.tick());
                if (recent.size() == RECENT_EPISODES) {
                    recent.removeLast();
                }
                recent.addFirst(e);
            } catch (RuntimeException ex) {
                LOG.warning("skipping a bad episode in " + episodesFile + ": " + ex.getMessage());
            }
        }
    }

    private void loadVectors() {
        for (JsonNode n : JsonLines.load(vectorsFile)) {
            vectorLines++;
            JsonNode v = n.path("vector");
            if (!n.hasNonNull("key") || !v.isArray()) {
                continue;
            }
            float[] vec = new float[v.size()];
            for (int i = 0; i < vec.length; i++) {
                vec[i] = (float) v.get(i).asDouble();
            }
            String key = n.get("key").asText();
            lastTick = Math.max(lastTick, tickOf(key));
            vectors.remove(key);
            vectors.put(key, new Entry(n.path("text").asText(), vec, norm(vec)));
        }
    }

    private void compactVectors() {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(buf, StandardCharsets.UTF_8))) {
                for (Map.Entry<String, Entry> e : vectors.entrySet()) {
                    ObjectNode n = JSON.createObjectNode();
                    n.put("key", e.getKey());
                    n.put("text", e.getValue().text());
                    ArrayNode v = n.putArray("vector");
                    for (float f : e.getValue().vector()) {
                        v.add(f);
                    }
                    w.write(JSON.writeValueAsString(n));
                    w.write('\n');
                }
            }
            AtomicFiles.write(vectorsFile, buf.toByteArray());
            vectorLines = vectors.size();
        } catch (IOException e) {
            LOG.warning("could not compact " + vectorsFile + ": " + e.getMessage());
        }
    }
}
