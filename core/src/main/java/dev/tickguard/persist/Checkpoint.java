package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Where the engine got to: the last tick number and when it ended, saved after every tick so that
 * numbering continues across restarts and crashes.
 *
 * @param lastTick the last tick run (0 before the first)
 * @param savedAt when it was saved, or {@code null}
 */
public record Checkpoint(long lastTick, Instant savedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(Checkpoint.class.getName());

    /** Writes the checkpoint atomically. */
    public static void save(Path file, Checkpoint c) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("last_tick", c.lastTick());
        n.put("saved_at", c.savedAt() == null ? null : c.savedAt().toString());
        AtomicFiles.write(file, JSON.writeValueAsBytes(n));
    }

    /** Reads a checkpoint; a missing or damaged file counts as "no tick yet" (with a warning if damaged). */
    public static Checkpoint load(Path file) {
        if (!Files.exists(file)) {
            return new Checkpoint(0, null);
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            String at = n.path("saved_at").asText(null);
            return new Checkpoint(Math.max(0, n.path("last_tick").asLong(0)), at == null ? null : Instant.parse(at));
        } catch (IOException | RuntimeException e) {
            LOG.warning("checkpoint " + file + " is damaged (" + e.getMessage() + "); tick numbers restart at 1");
            return new Checkpoint(0, null);
        }
    }
}
