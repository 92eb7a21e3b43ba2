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
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * {@code <data>/logs/ticks.jsonl}: the journal's human-readable mirror for {@code tail -F | jq}. The
 * database is the journal; this file is derived from it, one line per tick written by the database's
 * writer thread after the tick's commit, so a line is never there for a tick the database lost. A
 * crash can leave its last line torn: the next start ends that line first (so the next record is not
 * glued onto it); a reader skips a line that is not JSON. If the mirror cannot be written (full disk),
 * the lines are lost from the mirror only: the database keeps them ({@code tickguard history}).
 *
 * <p>{@link #repairFrom} (at start, on the writer thread) rebuilds it from the database when it is
 * missing or its last line is not a journal line (the damaged file set aside as {@code .bad}), and
 * appends the ticks a crash between a commit and its line left out. It is kept to about
 * {@link #MAX_BYTES}: past that it is rotated to {@code ticks.jsonl.1} (the previous one replaced),
 * so a year of ticks does not grow a second copy of the database's records beside it.
 */
public final class TickJournal implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TickJournal.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The mirror's size that rotates it (about a week of a tick a minute of the built-in steps). */
    static final long MAX_BYTES = 32L * 1024 * 1024;
    /** How many of the newest ticks a rebuild writes (the rest are in the database). */
    static final int REBUILD_TICKS = 10_000;

    private final Path file;
    private OutputStream out;
    private long size;
    private final long maxBytes;
    /** Its last line was torn when opened (a crash mid-write): ended, and not taken for damage. */
    private boolean tornAtOpen;
    private final RepeatedWarning cannotWrite = new RepeatedWarning(LOG);

    /** Opens (appending) the mirror, creating its folder, and ends a torn last line. */
    public TickJournal(Path file) throws IOException {
        this(file, MAX_BYTES);
    }

    /** @param maxBytes the size past which the mirror is rotated */
    TickJournal(Path file, long maxBytes) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        Files.createDirectories(file.toAbsolutePath().getParent());
        open();
    }

    private void open() throws IOException {
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.size = Files.size(file);
        tornAtOpen = endsTorn(file);
        if (tornAtOpen) {
            out.write('\n');
            out.flush();
            size++;
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
            if (size > 0 && size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
            cannotWrite.clear();
        } catch (IOException e) {
            cannotWrite.warn("cannot write the journal mirror " + file + " (tick " + line.path("tick").asLong()
                    + " is in the database only): " + DataFolderException.reason(e));
        }
    }

    /** Moves the full mirror to {@code ticks.jsonl.1} (replacing the one before) and starts a new one. */
    private void rotate() throws IOException {
        out.close();
        out = null;
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    /**
     * Brings the mirror in line with the database, once at start (run it on the database's writer
     * thread, before any tick's line): a missing or empty mirror, or one whose last line is not a
     * journal line, is rebuilt with the newest {@link #REBUILD_TICKS} ticks (a damaged one set aside
     * as {@code ticks.jsonl.bad}; ticks imported from the file-based version are left to the
     * {@code ticks.jsonl.imported} they came from); ticks newer than its last line (a crash between a commit and its
     * line) are appended. A line in its middle is not read here (a reader skips one that is not JSON).
     *
     * @return how many lines were written
     */
    public synchronized long repairFrom(TickStore store) {
        try {
            long newest = store.lastDone();
            if (newest == 0 || out == null) {
                return 0;
            }
            // A line torn by a crash (ended at open) is not damage: the line before it says where the mirror is.
            String last = lastLine(tornAtOpen ? 1 : 0);
            long after;
            String why = null;
            if (last == null) {
                why = "missing or empty";
            } else {
                try {
                    after = JSON.readTree(last).get("tick").asLong();
                } catch (IOException | RuntimeException notALine) {
                    after = -1;
                }
                if (after < 0) {
                    why = "its last line is not a journal line";
                } else if (after >= newest) {
                    return 0;
                } else {
                    long n = store.forEachTick(after, this::append);
                    LOG.info("[Tickguard] journal mirror " + file + ": appended " + n + " tick(s) it missed (from the database)");
                    return n;
                }
            }
            if (!why.startsWith("missing")) {
                out.close();
                out = null;
                SetAside.setAside(file, why, "rebuilding it from the database");
                open();
            }
            // Imported ticks are not this database's journal: their lines are in ticks.jsonl.imported.
            long n = store.forEachTick(Math.max(store.importedUpTo(), newest - REBUILD_TICKS), this::append);
            if (n == 0) {
                return 0;
            }
            LOG.warning("[Tickguard] journal mirror " + file + " was " + (why.startsWith("missing") ? why : "damaged (" + why + ")")
                    + "; rebuilt from the database with its newest " + n + " tick(s) (tickguard history has them all)");
            return n;
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.warning("cannot repair the journal mirror " + file + " from the database (" + e.getMessage()
                    + "); the database keeps every tick (tickguard history)");
            return 0;
        }
    }

    /** The mirror's last complete line but {@code skip}, or null if it has none (missing or empty). */
    private String lastLine(int skip) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, 256 * 1024);
            byte[] b = new byte[n];
            f.seek(len - n);
            f.readFully(b);
            int end = n;
            for (int line = 0; ; line++) {
                while (end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r')) {
                    end--;
                }
                if (end == 0) {
                    return null;
                }
                int start = end;
                while (start > 0 && b[start - 1] != '\n') {
                    start--;
                }
                if (line == skip) {
                    return new String(b, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
                }
                end = start;
            }
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
