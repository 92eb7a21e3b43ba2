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
    /** The largest tick number a checkpoint may hold. */
    public static final long MAX_TICK = 1_000_000_000_000_000L;
    private static final Logger LOG = Logger.getLogger(Checkpoint.class.getName());

    /** Writes the checkpoint atomically. */
    public static void save(Path file, Checkpoint c) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("last_tick", c.lastTick());
        n.put("saved_at", c.savedAt() == null ? null : c.savedAt().toString());
        AtomicFiles.write(file, JSON.writeValueAsBytes(n));
    }

    /**
     * The number of the last tick ever run, so that no tick number is used twice: the larger of the
     * checkpoint's and the journal's last good line's (the checkpoint is saved a little after the
     * journal line, so a crash can leave it one behind). A damaged checkpoint is set aside.
     *
     * @throws DataFolderException if a damaged checkpoint cannot be set aside
     */
    public static long lastTick(Path checkpointFile, Path journalFile) {
        long fromJournal = JsonLines.lastGood(journalFile).map(n -> n.path("tick").asLong(0)).orElse(0L);
        if (fromJournal < 0 || fromJournal > MAX_TICK) {
            LOG.warning(journalFile + ": its last tick number " + fromJournal + " is out of range (0 to " + MAX_TICK
                    + "); tick numbers continue from the checkpoint");
            fromJournal = 0;
        }
        long fromCheckpoint = load(checkpointFile, fromJournal).lastTick();
        return Math.max(fromCheckpoint, fromJournal);
    }

    /** Reads a checkpoint; a missing file counts as "no tick yet", a damaged one is set aside. */
    public static Checkpoint load(Path file) {
        return load(file, 0);
    }

    private static Checkpoint load(Path file, long fromJournal) {
        String notAFile = SetAside.notARegularFile(file);
        String problem;
        if (notAFile != null) {
            problem = notAFile;
        } else if (!Files.exists(file)) {
            return new Checkpoint(0, null);
        } else {
            try {
                JsonNode n = StateJson.read(Files.readAllBytes(file));
                // Bounded far above any real count (a tick a millisecond for 30,000 years), so "next" never wraps.
                if (n != null && n.path("last_tick").canConvertToLong() && n.path("last_tick").isIntegralNumber()
                        && n.get("last_tick").asLong() >= 0 && n.get("last_tick").asLong() <= MAX_TICK) {
                    String at = n.path("saved_at").asText(null);
                    return new Checkpoint(n.get("last_tick").asLong(), at == null ? null : Instant.parse(at));
                }
                problem = "no last_tick number from 0 to " + MAX_TICK;
            } catch (IOException e) {
                problem = e instanceof com.fasterxml.jackson.core.JacksonException ? "not JSON"
                        : "cannot be read: " + DataFolderException.reason(e);
            } catch (RuntimeException e) {
                problem = "bad saved_at time";
            }
        }
        SetAside.setAside(file, problem, "tick numbers continue after the journal's last tick (" + fromJournal + ")");
        return new Checkpoint(0, null);
    }
}
