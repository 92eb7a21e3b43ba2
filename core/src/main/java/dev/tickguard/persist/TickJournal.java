package dev.tickguard.persist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.events.TickRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;

/**
 * {@code <data>/logs/ticks.jsonl}: the journal's human-readable mirror for {@code tail -f | jq}. The
 * database is the journal; this file is derived from it, one line per tick written by the database's
 * writer thread after the tick's commit, so a line is never there for a tick the database lost. A
 * crash can leave its last line torn: the next start ends that line first (so the next record is not
 * glued onto it); a reader skips a line that is not JSON. If the mirror cannot be written (full disk),
 * the lines are lost from the mirror only: the database keeps them ({@code tickguard history}).
 */
public final class TickJournal implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TickJournal.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private OutputStream out;
    private final RepeatedWarning cannotWrite = new RepeatedWarning(LOG);

    /** Opens (appending) the mirror, creating its folder, and ends a torn last line. */
    public TickJournal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (endsTorn(file)) {
            out.write('\n');
            out.flush();
        }
    }

    private static boolean endsTorn(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() == 0) {
                return false;
            }
            f.seek(f.length() - 1);
            return f.read() != '\n';
        }
    }

    /** The mirror's path. */
    public Path file() {
        return file;
    }

    /** Appends a tick's line (called after the tick's commit). */
    public synchronized void append(TickRecord r) {
        append(JournalJson.tick(r));
    }

    /** Appends a journal line. */
    public synchronized void append(ObjectNode line) {
        if (out == null) {
            return;
        }
        try {
            byte[] json = JSON.writeValueAsBytes(line);
            byte[] bytes = java.util.Arrays.copyOf(json, json.length + 1);
            bytes[json.length] = '\n';
            out.write(bytes);
            out.flush();
            cannotWrite.clear();
        } catch (IOException e) {
            cannotWrite.warn("cannot write the journal mirror " + file + " (tick " + line.path("tick").asLong()
                    + " is in the database only): " + DataFolderException.reason(e));
        }
    }

    /** The journal form of a tick record (see {@link JournalJson#tick}). */
    public static ObjectNode toJson(TickRecord r) {
        return JournalJson.tick(r);
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warning("cannot close journal " + file + ": " + e.getMessage());
            }
            out = null;
        }
    }
}
