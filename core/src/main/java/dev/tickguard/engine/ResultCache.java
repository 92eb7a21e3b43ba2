package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.persist.AtomicFiles;
import dev.tickguard.persist.DataFolderException;
import dev.tickguard.persist.SetAside;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The last good result of each step, with when it was produced: the middle link of the fallback
 * chain. It survives restarts as a JSON file written atomically (temp file + rename). Thread-safe.
 */
public final class ResultCache {
    private static final Logger LOG = Logger.getLogger(ResultCache.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A cached result and when it was produced. */
    public record Entry(JsonNode value, Instant producedAt) {
        /** How old the entry is at {@code now}. */
        public Duration age(Instant now) {
            return Duration.between(producedAt, now);
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean dirty;

    /** Remembers a step's good result. */
    public void put(String stepId, JsonNode value, Instant at) {
        entries.put(stepId, new Entry(value, at));
        dirty = true;
    }

    /** The step's cached result if there is one no older than {@code maxAge} at {@code now}. */
    public Optional<Entry> fresh(String stepId, Duration maxAge, Instant now) {
        Entry e = entries.get(stepId);
        if (e == null || e.age(now).compareTo(maxAge) > 0) {
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** The step's cached result, however old. */
    public Optional<Entry> get(String stepId) {
        return Optional.ofNullable(entries.get(stepId));
    }

    /** Writes the cache to {@code file} atomically if it changed since the last save. */
    public void saveIfChanged(Path file) throws IOException {
        if (!dirty) {
            return;
        }
        dirty = false;
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ObjectNode steps = root.putObject("steps");
        for (Map.Entry<String, Entry> e : new java.util.TreeMap<>(entries).entrySet()) {
            ObjectNode n = steps.putObject(e.getKey());
            n.put("produced_at", e.getValue().producedAt().toString());
            n.set("value", e.getValue().value());
        }
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            dirty = true;
            throw e;
        }
    }

    /**
     * Loads a cache file written by {@link #saveIfChanged}. A missing file gives an empty cache; a
     * damaged one (not JSON, not a regular file, unreadable) is set aside ({@code .bad}) with a
     * warning, so a crash can never stop Tickguard from starting.
     *
     * @throws DataFolderException if a damaged file cannot be set aside
     */
    public static ResultCache load(Path file) {
        ResultCache cache = new ResultCache();
        String notAFile = SetAside.notARegularFile(file);
        if (notAFile != null) {
            SetAside.setAside(file, notAFile, "starting with an empty cache");
            return cache;
        }
        if (!Files.exists(file)) {
            return cache;
        }
        try {
            JsonNode root = dev.tickguard.persist.StateJson.read(Files.readAllBytes(file));
            if (root == null || !root.path("steps").isObject()) {
                throw new IllegalStateException("no 'steps' object");
            }
            JsonNode steps = root.path("steps");
            for (Iterator<Map.Entry<String, JsonNode>> it = steps.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode value = f.getValue().get("value");
                String at = f.getValue().path("produced_at").asText(null);
                if (value != null && at != null) {
                    cache.entries.put(f.getKey(), new Entry(value, Instant.parse(at)));
                }
            }
        } catch (IOException | RuntimeException e) {
            String why = e instanceof com.fasterxml.jackson.core.JacksonException || !(e instanceof IOException)
                    ? "not a cache file: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    : "cannot be read: " + DataFolderException.reason((IOException) e);
            SetAside.setAside(file, why, "starting with an empty cache");
            cache.entries.clear();
        }
        return cache;
    }
}
