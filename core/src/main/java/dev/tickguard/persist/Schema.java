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
            },
            // 2 (issue 19, size): a tick and its step runs stored once, in columns, not as JSON twice
            // (the journal line is rebuilt from them: TickRows); step ids and the small enumerations
            // as numbers (a step run is ~30 bytes, not ~500), named again by the view step_runs; the
            // results in a table of their own, so retention can drop them before the records
            // (persistence.keep_results_days); a partial index for "a step's fallbacks".
            new String[] {
                """
                CREATE TABLE codes (
                  kind TEXT NOT NULL,                -- 'outcome', 'priority', 'cause', 'fallback'
                  code INTEGER NOT NULL,
                  name TEXT NOT NULL,                -- as in the journal line
                  PRIMARY KEY (kind, code)
                ) WITHOUT ROWID""",
                "INSERT INTO codes VALUES ('outcome', 0, 'SUCCESS'), ('outcome', 1, 'FALLBACK'), ('outcome', 2, 'SKIPPED'), "
                        + "('outcome', 3, 'FAILED'), ('priority', 0, 'CRITICAL'), ('priority', 1, 'IMPORTANT'), "
                        + "('priority', 2, 'OPTIONAL'), ('cause', 0, 'error'), ('cause', 1, 'timeout'), "
                        + "('cause', 2, 'breaker_open'), ('cause', 3, 'budget'), ('cause', 4, 'forced'), "
                        + "('cause', 5, 'tick_limit'), ('cause', 6, 'aborted'), ('cause', 7, 'hung'), "
                        + "('cause', 8, 'dependency_open'), ('cause', 9, 'dependency_failed'), "
                        + "('fallback', 0, 'custom'), ('fallback', 1, 'cache'), ('fallback', 2, 'default')",
                "CREATE TABLE step_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
                """
                CREATE TABLE breaker_sets (
                  id INTEGER PRIMARY KEY,
                  breakers TEXT NOT NULL UNIQUE      -- JSON object, breaker name -> state: each set stored once
                )""",
                // A record that is not JSON (never written so, but a hand-edited file) keeps its columns.
                "UPDATE ticks SET record = NULL WHERE record IS NOT NULL AND NOT json_valid(record)",
                "UPDATE step_runs SET record = '{}' WHERE NOT json_valid(record)",
                "INSERT INTO step_names(name) SELECT DISTINCT step FROM step_runs ORDER BY step",
                "INSERT OR IGNORE INTO breaker_sets(breakers) SELECT DISTINCT json_extract(record, '$.breakers') FROM ticks "
                        + "WHERE json_type(record, '$.breakers') = 'object'",
                """
                CREATE TABLE new_ticks (
                  tick INTEGER PRIMARY KEY,
                  started_at TEXT NOT NULL,          -- ISO-8601, UTC
                  started_ms INTEGER NOT NULL,       -- the same, in epoch milliseconds (for time ranges)
                  state TEXT NOT NULL,               -- 'running' (in progress, or the process died) or 'done'
                  resumed INTEGER NOT NULL DEFAULT 0,
                  mode TEXT NOT NULL,
                  mode_reason TEXT,                  -- why the mode, as the dashboard's badge says it
                  skipped INTEGER NOT NULL DEFAULT 0,
                  skip_reason TEXT,
                  abort_reason TEXT,
                  duration_ms INTEGER,
                  critical_overrun_ms INTEGER NOT NULL DEFAULT 0,
                  breakers INTEGER REFERENCES breaker_sets(id), -- the breakers' states at its end
                  restored TEXT                      -- a resumed tick's restored step ids (JSON array)
                )""",
                "INSERT INTO new_ticks SELECT tick, started_at, started_ms, state, resumed, mode, NULL, skipped, "
                        + "json_extract(record, '$.skip_reason'), abort_reason, duration_ms, "
                        + "coalesce(json_extract(record, '$.critical_overrun_ms'), 0), "
                        + "(SELECT b.id FROM breaker_sets b WHERE b.breakers = json_extract(t.record, '$.breakers')), "
                        + "CASE json_type(record, '$.restored') WHEN 'array' THEN json_extract(record, '$.restored') END "
                        + "FROM ticks t",
                """
                CREATE TABLE runs (
                  tick INTEGER NOT NULL,
                  step INTEGER NOT NULL,             -- step_names.id
                  seq INTEGER NOT NULL,              -- its place in the tick's record
                  outcome INTEGER NOT NULL,          -- codes: kind 'outcome'
                  cause INTEGER,                     -- codes: kind 'cause'
                  fallback INTEGER,                  -- codes: kind 'fallback'
                  error TEXT,
                  priority INTEGER NOT NULL,         -- codes: kind 'priority'
                  phase INTEGER NOT NULL,
                  start_ms INTEGER NOT NULL,
                  duration_ms INTEGER NOT NULL,
                  timeout_ms INTEGER NOT NULL,
                  abandoned INTEGER NOT NULL DEFAULT 0,
                  ran_on TEXT,                       -- where it ran if not here (a remote worker)
                  run_key TEXT,                      -- null: the usual '<tick>/<step>'
                  attempt INTEGER NOT NULL DEFAULT 1, -- the broker's delivery that answered (a remote step redelivered: 2, ...)
                  PRIMARY KEY (tick, step)
                ) WITHOUT ROWID""",
                "INSERT INTO runs SELECT s.tick, n.id, s.seq, o.code, c.code, f.code, s.error, coalesce(p.code, 1), "
                        + "coalesce(json_extract(s.record, '$.phase'), 1), coalesce(json_extract(s.record, '$.start_ms'), 0), "
                        + "coalesce(json_extract(s.record, '$.duration_ms'), 0), coalesce(json_extract(s.record, '$.timeout_ms'), 0), "
                        + "coalesce(json_extract(s.record, '$.abandoned'), 0), json_extract(s.record, '$.ran_on'), "
                        + "CASE WHEN s.run_key = s.tick || '/' || s.step THEN NULL ELSE s.run_key END, "
                        + "coalesce(json_extract(s.record, '$.attempt'), 1) "
                        + "FROM step_runs s JOIN step_names n ON n.name = s.step "
                        + "JOIN codes o ON o.kind = 'outcome' AND o.name = s.outcome "
                        + "LEFT JOIN codes p ON p.kind = 'priority' AND p.name = json_extract(s.record, '$.priority') "
                        + "LEFT JOIN codes c ON c.kind = 'cause' AND c.name = s.cause "
                        + "LEFT JOIN codes f ON f.kind = 'fallback' AND f.name = s.fallback",
                """
                CREATE TABLE step_results (
                  tick INTEGER NOT NULL,
                  step INTEGER NOT NULL,             -- step_names.id
                  result TEXT NOT NULL,              -- the step's result (JSON)
                  PRIMARY KEY (tick, step)
                )""",
                "INSERT INTO step_results SELECT s.tick, n.id, s.result FROM step_runs s JOIN step_names n ON n.name = s.step "
                        + "WHERE s.result IS NOT NULL",
                "DROP TABLE step_runs",
                "DROP TABLE ticks",
                "ALTER TABLE new_ticks RENAME TO ticks",
                "CREATE INDEX ticks_by_time ON ticks(started_ms)",
                // "A step's fallbacks" (or failures): the few runs that did not succeed, by step, newest last.
                "CREATE INDEX runs_not_success ON runs(step, outcome, tick) WHERE outcome <> 0",
                // The step runs by name, as sqlite3 users query them (and as version 1 named its table).
                """
                CREATE VIEW step_runs AS
                SELECT r.tick, n.name AS step, coalesce(r.run_key, r.tick || '/' || n.name) AS run_key, r.seq,
                       o.name AS outcome, c.name AS cause, f.name AS fallback, r.error, p.name AS priority, r.phase,
                       r.start_ms, r.duration_ms, r.timeout_ms, r.abandoned, r.ran_on, r.attempt, x.result
                  FROM runs r
                  JOIN step_names n ON n.id = r.step
                  JOIN codes o ON o.kind = 'outcome' AND o.code = r.outcome
                  JOIN codes p ON p.kind = 'priority' AND p.code = r.priority
                  LEFT JOIN codes c ON c.kind = 'cause' AND c.code = r.cause
                  LEFT JOIN codes f ON f.kind = 'fallback' AND f.code = r.fallback
                  LEFT JOIN step_results x ON x.tick = r.tick AND x.step = r.step""",
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
