package dev.tickguard.persist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens {@code tickguard.db} for writing, deciding what to do with a file that cannot be used as it
 * is. A file that is not a database, is truncated or fails {@code PRAGMA quick_check} is damaged: it
 * is set aside as {@code tickguard.db.bad} (with its {@code -wal} and {@code -shm} companions, which
 * must never be applied to a fresh file) and a fresh database is started, in one WARN line. A file
 * Tickguard may not write (read-only, a read-only mount), one another program holds locked, one
 * written by a newer Tickguard, or a folder that cannot take a new file: nothing can be done
 * without losing data, so the start stops with one line naming the file and the way out (exit 2).
 */
final class DatabaseFile {
    /** How long a start waits for another program's lock before giving up. */
    static final int BUSY_TIMEOUT_MS = 3_000;

    private DatabaseFile() {
    }

    static Connection open(Path file) {
        String notAFile = SetAside.notARegularFile(file);
        if (notAFile != null) {
            setAside(file, notAFile);
        } else if (!sqliteHeader(file)) {
            // Checked before SQLite opens it: SQLite would delete the companion WAL of a file it cannot read.
            setAside(file, "not an SQLite database");
        }
        try {
            return tryOpen(file);
        } catch (SQLException e) {
            if (!damaged(e)) {
                throw refused(file, e);
            }
            setAside(file, describe(e));
        } catch (Damaged d) {
            setAside(file, d.getMessage());
        }
        try {
            return tryOpen(file);
        } catch (SQLException | Damaged e) {
            throw new DataFolderException("cannot create database " + file + ": " + (e instanceof SQLException s
                    ? describe(s) : e.getMessage()), e);
        }
    }

    /** True unless the file exists, is not empty, and does not start with SQLite's header. */
    private static boolean sqliteHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            return true;
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(16);
            return head.length == 0 || java.util.Arrays.equals(head, "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return true; // unreadable: SQLite's own open says why, in words
        }
    }

    /** A new writer connection on a file already opened and checked (after a failed commit). */
    static Connection writer(Path file) throws SQLException {
        Connection c = Database.connect("jdbc:sqlite:" + file);
        Database.exec(c, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS, "PRAGMA synchronous = NORMAL");
        return c;
    }

    /** A reader connection (never writes, so it never takes the write lock). */
    static Connection reader(Path file) throws SQLException {
        Connection c = Database.connect("jdbc:sqlite:file:" + file + "?mode=ro");
        Database.exec(c, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
        return c;
    }

    private static final class Damaged extends Exception {
        private static final long serialVersionUID = 1L;

        Damaged(String message) {
            super(message);
        }
    }

    private static Connection tryOpen(Path file) throws SQLException, Damaged {
        Connection c = Database.connect("jdbc:sqlite:" + file);
        boolean ok = false;
        try {
            Database.exec(c, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            // Reading the header first: a file that is not SQLite fails here, before anything is written.
            int version = Schema.version(c);
            if (version > Schema.current()) {
                throw new DataFolderException("database " + file + " was written by a newer Tickguard (schema "
                        + version + ", this one knows " + Schema.current() + "); run that version, or choose another --data folder");
            }
            // PRAGMA quick_check is not run here but by the writer before its first commit (see
            // Database#checkThenWrite): on a large file it takes seconds, which the start waited for.
            // WAL: readers never wait for the writer; NORMAL: a commit survives a killed process (not a power cut).
            Database.exec(c, "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL");
            Schema.migrate(c, Schema.current());
            // Take the write lock once now: another program holding it (an sqlite3 shell in a transaction),
            // or a file we may only read, is found at start, in one line, not as ticks that cannot be written.
            // A real write (rolled back): a file the OS lets us open only for reading fails here.
            c.setAutoCommit(false);
            try {
                Database.exec(c, "INSERT OR REPLACE INTO settings(name, value) VALUES ('write_probe', '0')");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            ok = true;
            return c;
        } finally {
            if (!ok) {
                c.close();
            }
        }
    }

    /**
     * Runs {@code PRAGMA quick_check} on {@code c} through {@code s} (which {@link Statement#cancel}
     * interrupts): null if the file is sound (or the check was interrupted: it runs again at the next
     * start), else what is wrong, in words.
     */
    static String damage(Statement s) {
        try (ResultSet r = s.executeQuery("PRAGMA quick_check(1)")) {
            String answer = r.next() ? r.getString(1) : "no answer";
            return "ok".equals(answer) ? null : "quick_check: " + answer;
        } catch (SQLException e) {
            return damaged(e) ? describe(e) : null;
        }
    }

    /** Sets the damaged {@code file} aside (one WARN line saying {@code why}) and opens a fresh one in its place. */
    static Connection fresh(Path file, String why) {
        setAside(file, why);
        try {
            return tryOpen(file);
        } catch (SQLException | Damaged e) {
            throw new DataFolderException("cannot create database " + file + ": " + (e instanceof SQLException s
                    ? describe(s) : e.getMessage()), e);
        }
    }

    /** Damage is what a fresh file mends; anything else (locks, permissions, space) a fresh file would not. */
    private static boolean damaged(SQLException e) {
        SQLiteErrorCode code = code(e);
        return code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT
                || code == SQLiteErrorCode.SQLITE_CORRUPT_INDEX || code == SQLiteErrorCode.SQLITE_CORRUPT_SEQUENCE
                || code == SQLiteErrorCode.SQLITE_CORRUPT_VTAB;
    }

    private static DataFolderException refused(Path file, SQLException e) {
        SQLiteErrorCode code = code(e);
        String way = switch (code == null ? SQLiteErrorCode.UNKNOWN_ERROR : baseOf(code)) {
            case SQLITE_BUSY, SQLITE_LOCKED -> "it is locked by another program (close the program that has it open, e.g. an sqlite3 shell in a transaction)";
            case SQLITE_READONLY -> "it is read-only (make it and its folder writable: chmod u+w)";
            case SQLITE_CANTOPEN -> "it cannot be opened (" + describe(e) + "; check the folder's permissions)";
            case SQLITE_FULL -> "the disk is full (free some space)";
            case SQLITE_PERM, SQLITE_AUTH -> "permission denied";
            default -> describe(e);
        };
        return new DataFolderException("cannot use database " + file + ": " + way, e);
    }

    private static void setAside(Path file, String why) {
        String then = "starting a fresh database (the old one is kept for inspection)";
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            SetAside.setAside(file, why, then);
        }
        for (String companion : new String[] {"-wal", "-shm", "-journal"}) {
            Path p = file.resolveSibling(file.getFileName() + companion);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Path bad = p.resolveSibling(file.getFileName() + ".bad" + companion);
                try {
                    Files.move(p, bad, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new DataFolderException("cannot move " + p + " aside: " + DataFolderException.reason(e), e);
                }
            }
        }
    }

    static SQLiteErrorCode code(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                return s.getResultCode();
            }
        }
        return null;
    }

    private static SQLiteErrorCode baseOf(SQLiteErrorCode code) {
        return SQLiteErrorCode.getErrorCode(code.code & 0xff);
    }

    /** A database failure in words, e.g. "disk full", "read-only", "not a database". */
    static String describe(SQLException e) {
        SQLiteErrorCode code = code(e);
        if (code == null) {
            return String.valueOf(e.getMessage());
        }
        return switch (baseOf(code)) {
            case SQLITE_FULL -> "disk full";
            case SQLITE_READONLY -> "read-only";
            case SQLITE_NOTADB -> "not an SQLite database";
            case SQLITE_CORRUPT -> "damaged (" + code.message + ")";
            case SQLITE_BUSY, SQLITE_LOCKED -> "locked by another program";
            case SQLITE_IOERR -> "I/O error (" + code.name().toLowerCase(Locale.ROOT) + ")";
            case SQLITE_CANTOPEN -> "cannot open the file";
            default -> code.message;
        };
    }
}
