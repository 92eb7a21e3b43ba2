package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.events.TickRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The upgrade from the file-based data folder (before the database): on the first start over it, the
 * journal ({@code logs/ticks.jsonl}), the result cache and checkpoint ({@code state/}) and the memory
 * ({@code memory/episodes.jsonl}, {@code vectors.jsonl}) are imported into the database in one
 * transaction, the counts are logged, and the old files are renamed {@code *.imported} (kept, never
 * read again). A line or file that cannot be read is skipped and counted, never fatal: its bytes stay
 * in the renamed file. Tick numbers continue after the highest the old files used (checkpoint, journal
 * or memory). Runs once: the database remembers it ({@code settings.imported_at}), and a database
 * with ticks of its own never imports (its {@code ticks.jsonl} is its mirror). A database set aside
 * as damaged is followed by a fresh one, which rebuilds the history from the mirror the same way.
 * The plugin choices and the self-modification parameters are imported by {@link SettingsFileImport}.
 */
final class FileImport {
    private static final Logger LOG = Logger.getLogger(FileImport.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The settings row that says the import ran, and the row with the highest tick number the old files used. */
    static final String IMPORTED_AT = "imported_at";
    static final String TICK_FLOOR = "tick_floor";

    private FileImport() {
    }

    private static final class Counts {
        int ticks;
        int steps;
        int cached;
        int episodes;
        int vectors;
        int skipped;
        long floor;
    }

    /** Imports the old files if there are any and the database has not imported them yet. */
    static void runIfNeeded(Database db, DataFolder folder) {
        SettingsFileImport.run(db, folder); // the plugin choices and parameters, also over a database of the first version
        Database.Write w = pending(db, folder);
        if (w == null) {
            return;
        }
        db.submit(w);
        if (!db.flush(60_000)) {
            LOG.warning("the import of " + folder.root() + " did not finish (" + db.writeProblem() + "); it is tried again at the next start");
        }
    }

    /**
     * The import as one write, or null if there is nothing to import. For the database's writer
     * thread, which cannot wait for its own flush: a damaged file found by its {@code quick_check}
     * is replaced by a fresh one that rebuilds the history from the mirror, as at the open.
     */
    static Database.Write pending(Database db, DataFolder folder) {
        List<Path> old = new ArrayList<>();
        for (Path p : List.of(folder.journal(), folder.resultCache(), folder.checkpoint(),
                folder.memory().resolve("episodes.jsonl"), folder.memory().resolve("vectors.jsonl"))) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                old.add(p);
            }
        }
        if (old.isEmpty()) {
            return null;
        }
        boolean done;
        try {
            done = db.read(c -> {
                // A database with ticks of its own has a journal mirror, not an old journal, beside it.
                try (PreparedStatement p = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM settings WHERE name = ?) "
                        + "OR EXISTS (SELECT 1 FROM ticks)")) {
                    p.setString(1, IMPORTED_AT);
                    try (java.sql.ResultSet r = p.executeQuery()) {
                        return r.next() && r.getInt(1) != 0;
                    }
                }
            });
        } catch (SQLException e) {
            LOG.warning("cannot check whether " + folder.root() + " was imported (" + e.getMessage() + "); not importing now");
            return null;
        }
        if (done) {
            // Imported before, killed before the renames: only a journal mirror is expected here.
            old.remove(folder.journal());
            renameImported(old);
            return null;
        }
        Counts n = new Counts();
        return new Database.Write() {
            @Override
            public void apply(Connection c) throws SQLException {
                importAll(c, folder, n);
            }

            @Override
            public void afterCommit() {
                LOG.warning("[Tickguard] imported the file-based data folder " + folder.root() + " into " + db.file().getFileName()
                        + ": " + n.ticks + " ticks (" + n.steps + " step records), " + n.cached + " cached results, "
                        + n.episodes + " episodes, " + n.vectors + " vectors; tick numbers continue after " + n.floor
                        + (n.skipped > 0 ? "; " + n.skipped + " unreadable line(s) or file(s) skipped" : "")
                        + "; the old files are renamed *.imported");
                renameImported(old);
            }
        };
    }

    private static void importAll(Connection c, DataFolder folder, Counts n) throws SQLException {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (JsonNode line : lines(folder.journal(), n)) {
            try {
                // The same reading a history reader makes: a line it cannot read is skipped.
                TickRecord r = JournalJson.tickRecord(line);
                if (!seen.add(r.tick())) {
                    continue; // a tick journaled twice: its first line counts
                }
                TickRows.finish(c, r, (i, s) -> false, List.of());
                n.ticks++;
                n.steps += r.steps().size();
                n.floor = Math.max(n.floor, r.tick());
            } catch (RuntimeException bad) {
                n.skipped++;
            }
        }
        if (n.ticks > 0) {
            // The old journal kept no results: its ticks say so rather than show none silently.
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO settings(name, value) VALUES (?, ?)")) {
                p.setString(1, TickStore.RESULTS_FROM);
                p.setString(2, Long.toString(n.floor + 1));
                p.executeUpdate();
            }
        }
        JsonNode cache = document(folder.resultCache(), n);
        if (cache != null) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO result_cache(step, produced_at, value) VALUES (?, ?, ?)")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = cache.path("steps").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    try {
                        p.setString(1, e.getKey());
                        p.setString(2, Instant.parse(e.getValue().get("produced_at").asText()).toString());
                        p.setString(3, e.getValue().get("value").toString());
                        n.cached += p.executeUpdate();
                    } catch (RuntimeException bad) {
                        n.skipped++;
                    }
                }
            }
        }
        JsonNode checkpoint = document(folder.checkpoint(), n);
        if (checkpoint != null && checkpoint.path("last_tick").canConvertToLong()) {
            n.floor = Math.max(n.floor, checkpoint.path("last_tick").asLong());
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO episodes(time, tick, step, text, outcome) VALUES (?, ?, ?, ?, ?)")) {
            for (JsonNode e : lines(folder.memory().resolve("episodes.jsonl"), n)) {
                try {
                    p.setString(1, Instant.parse(e.get("time").asText()).toString());
                    p.setLong(2, e.path("tick").asLong());
                    p.setString(3, e.get("step").asText());
                    p.setString(4, e.get("text").asText());
                    p.setString(5, e.get("outcome").asText());
                    n.episodes += p.executeUpdate();
                    n.floor = Math.max(n.floor, e.path("tick").asLong());
                } catch (RuntimeException bad) {
                    n.skipped++;
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO vectors(key, text, vector, tick) VALUES (?, ?, ?, ?)")) {
            for (JsonNode v : lines(folder.memory().resolve("vectors.jsonl"), n)) {
                try {
                    JsonNode arr = v.get("vector");
                    ByteBuffer b = ByteBuffer.allocate(arr.size() * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    arr.forEach(f -> b.putFloat((float) f.asDouble()));
                    String key = v.get("key").asText();
                    long t = key.startsWith("tick-") ? parseTick(key) : 0;
                    p.setString(1, key);
                    p.setString(2, v.get("text").asText());
                    p.setBytes(3, b.array());
                    p.setLong(4, t);
                    p.executeUpdate();
                    n.vectors++;
                    n.floor = Math.max(n.floor, t);
                } catch (RuntimeException bad) {
                    n.skipped++;
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO settings(name, value) VALUES (?, ?)")) {
            p.setString(1, TICK_FLOOR);
            p.setString(2, Long.toString(n.floor));
            p.executeUpdate();
            p.setString(1, IMPORTED_AT);
            p.setString(2, JSON.getNodeFactory().textNode(Instant.now().toString()).toString());
            p.executeUpdate();
        }
    }

    private static long parseTick(String key) {
        int end = key.indexOf('/');
        try {
            return Long.parseLong(key.substring(5, end < 0 ? key.length() : end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The JSON objects of a JSON-lines file; a line that is not UTF-8 or not a JSON object is skipped (counted). */
    private static List<JsonNode> lines(Path file, Counts n) {
        List<JsonNode> out = new ArrayList<>();
        byte[] bytes = bytes(file, n);
        if (bytes == null) {
            return out;
        }
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > start) {
                    try {
                        String line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(bytes, start, i - start)).toString();
                        JsonNode node = line.isBlank() ? null : JSON.readTree(line);
                        if (node != null && node.isObject()) {
                            out.add(node);
                        } else if (!line.isBlank()) {
                            n.skipped++;
                        }
                    } catch (CharacterCodingException | com.fasterxml.jackson.core.JacksonException e) {
                        n.skipped++;
                    } catch (IOException e) {
                        n.skipped++;
                    }
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static JsonNode document(Path file, Counts n) {
        byte[] bytes = bytes(file, n);
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readTree(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IOException e) {
            n.skipped++;
            return null;
        }
    }

    /** A regular file's bytes; null (counted unless missing) for anything else. */
    private static byte[] bytes(Path file, Counts n) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            n.skipped++;
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            n.skipped++;
            return null;
        }
    }

    private static void renameImported(List<Path> files) {
        for (Path p : files) {
            Path to = p.resolveSibling(p.getFileName() + ".imported");
            try {
                Files.move(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.warning("imported " + p + " but cannot rename it to " + to.getFileName() + ": " + DataFolderException.reason(e));
            }
        }
    }
}
