package dev.tickguard.persist;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;

/**
 * The database's tables, as forward migrations: migration {@code i} takes a file of version
 * {@code i} (its {@code PRAGMA user_version}) to {@code i + 1}. A migration is never edited once
 * released; a change is a new one appended here (and a test that opens the previous version's file).
 * A file newer than this build (written by a later Tickguard) is refused rather than guessed at.
 */
final class Schema {
    private static final Logger LOG = Logger.getLogger(Schema.class.getName());

    /** The migrations, in order; the current version is their count. */
    static final List<String[]> MIGRATIONS = List.<String[]>of(
            // 1: ticks and step runs (the journal with results), the in-progress tick, the result cache,
            // memory, plugin choices, and a small key-value table.
            new String[] {
                """
                CREATE TABLE ticks (
                  tick INTEGER PRIMARY KEY,
                  started_at TEXT NOT NULL,          -- ISO-8601, UTC
                  started_ms INTEGER NOT NULL,       -- the same, in epoch milliseconds (for time ranges)
                  state TEXT NOT NULL,               -- 'running' (in progress, or the process died) or 'done'
                  resumed INTEGER NOT NULL DEFAULT 0,
                  mode TEXT NOT NULL,
                  skipped INTEGER NOT NULL DEFAULT 0,
                  abort_reason TEXT,
                  duration_ms INTEGER,
                  record TEXT                        -- the journal line (JSON), once done
                )""",
                "CREATE INDEX ticks_by_time ON ticks(started_ms)",
                """
                CREATE TABLE step_runs (
                  tick INTEGER NOT NULL,
                  step TEXT NOT NULL,
                  run_key TEXT NOT NULL,
                  seq INTEGER NOT NULL,              -- order in which the step's run ended within the tick
                  outcome TEXT NOT NULL,
                  cause TEXT,
                  fallback TEXT,
                  error TEXT,
                  record TEXT NOT NULL,              -- the step's part of the journal line (JSON)
                  result TEXT,                       -- the step's result (JSON), null if it had none
                  PRIMARY KEY (tick, step)
                ) WITHOUT ROWID""",
                "CREATE INDEX step_runs_by_step ON step_runs(step, tick)",
                """
                CREATE TABLE result_cache (
                  step TEXT PRIMARY KEY,
                  produced_at TEXT NOT NULL,
                  value TEXT NOT NULL
                ) WITHOUT ROWID""",
                """
                CREATE TABLE episodes (
                  id INTEGER PRIMARY KEY,
                  time TEXT NOT NULL,
                  tick INTEGER NOT NULL,
                  step TEXT NOT NULL,
                  text TEXT NOT NULL,
                  outcome TEXT NOT NULL,
                  run_key TEXT,                      -- the run that wrote it (null: written outside a tick)
                  seq INTEGER,                       -- the how-manyth episode of that run
                  UNIQUE (run_key, seq)
                )""",
                """
                CREATE TABLE vectors (
                  key TEXT PRIMARY KEY,
                  text TEXT NOT NULL,
                  vector BLOB NOT NULL,              -- float32, little-endian
                  tick INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID""",
                """
                CREATE TABLE settings (
                  name TEXT PRIMARY KEY,             -- e.g. 'plugin_choices'
                  value TEXT NOT NULL                -- JSON
                ) WITHOUT ROWID""",
            });

    private Schema() {
    }

    /** The version this build writes. */
    static int current() {
        return MIGRATIONS.size();
    }

    /** The file's version ({@code PRAGMA user_version}). */
    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /**
     * Brings the file to {@code target} (normally {@link #current()}), each migration in its own
     * transaction with the version bump, so a crash in the middle leaves a file of one version or the next.
     *
     * @return the version the file had
     */
    static int migrate(Connection c, int target) throws SQLException {
        int from = version(c);
        for (int v = from; v < target; v++) {
            c.setAutoCommit(false);
            try {
                Database.exec(c, MIGRATIONS.get(v));
                Database.exec(c, "PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        if (from > 0 && from < target) {
            LOG.info("database schema upgraded from version " + from + " to " + target);
        }
        return from;
    }
}
