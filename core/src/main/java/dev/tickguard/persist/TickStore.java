package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of the ticks in the database: the last tick number, the tick a killed process left
 * in progress, the result cache, and pages of history (newest first, with each step's result) for the
 * control API, {@code tickguard history} and the dashboard's timeline. Every read runs on a reader
 * connection, never waiting for the writer. Thread-safe.
 */
public final class TickStore {
    /** The most ticks one page returns. */
    public static final int MAX_PAGE = 1_000;

    private final Database db;

    public TickStore(Database db) {
        this.db = db;
    }

    /** A step of an interrupted tick that ended before the process died: its record and result. */
    public record FinishedStep(int seq, StepRecord record, JsonNode result) {
    }

    /**
     * A tick the process was running when it died.
     *
     * @param resumedBefore true if it was already resumed once (and the process died again)
     * @param steps the steps that ended before the process died, by id, in run order
     */
    public record Interrupted(long tick, Instant startedAt, SystemMode mode, boolean resumedBefore,
                              Map<String, FinishedStep> steps) {
    }

    /**
     * A tick of the history with each step's result (JSON text; a step with no result is absent).
     *
     * @param resultsKept false if the tick is older than the results kept
     *     ({@code persistence.keep_results_days}, or imported from the file-based version): its steps'
     *     results are no longer in the database, though its record is
     */
    public record Entry(TickRecord record, Map<String, String> results, boolean resultsKept) {
    }

    /**
     * Which ticks a page holds; every field but {@code limit} may be null (no filter).
     *
     * @param beforeTick only ticks with a smaller number (the next page after one ending at tick N: N)
     * @param since only ticks started at or after this time
     * @param until only ticks started before this time
     * @param mode only ticks run in this mode
     * @param step only ticks with a run of this step (and {@code outcome} / {@code cause} apply to it)
     * @param outcome only ticks with a step (or the {@code step}) of this outcome, e.g. {@code FALLBACK}
     * @param cause only ticks with a step (or the {@code step}) of this cause, e.g. {@code timeout}
     * @param limit how many at most (1 to {@link #MAX_PAGE})
     */
    public record Query(Long beforeTick, Instant since, Instant until, SystemMode mode, String step, String outcome,
                        String cause, int limit) {
        public Query {
            if (limit < 1 || limit > MAX_PAGE) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", not " + limit);
            }
        }

        /** The newest {@code limit} ticks. */
        public static Query newest(int limit) {
            return new Query(null, null, null, null, null, null, null, limit);
        }

        /** The same filters, for the ticks before {@code tick}. */
        public Query before(long tick) {
            return new Query(tick, since, until, mode, step, outcome, cause, limit);
        }
    }

    /** The highest tick number in the database (0 if none). */
    public long lastTick() throws SQLException {
        return db.read(c -> {
            // The file-based version's numbers (imported) count too: tick numbers never repeat.
            try (PreparedStatement p = c.prepareStatement("SELECT max(coalesce((SELECT max(tick) FROM ticks), 0), "
                    + "coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE name = 'tick_floor'), 0))");
                 ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    /** The highest tick number the file-based version's files used, imported once (0 if none). */
    public long importedUpTo() throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT CAST(value AS INTEGER) FROM settings WHERE name = ?")) {
                p.setString(1, FileImport.TICK_FLOOR);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0L;
                }
            }
        });
    }

    /** The highest number of a finished tick (0 if none). */
    public long lastDone() throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(tick), 0) FROM ticks WHERE state = 'done'");
                 ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    /** The tick left in progress by a process that died, if any (the newest, if a bug left several). */
    public Optional<Interrupted> interrupted() throws SQLException {
        return db.read(c -> {
            long tick;
            Instant at;
            SystemMode mode;
            boolean resumed;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT tick, started_at, mode, resumed FROM ticks WHERE state = 'running' ORDER BY tick DESC LIMIT 1");
                 ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                tick = r.getLong(1);
                at = Instant.parse(r.getString(2));
                mode = SystemMode.valueOf(r.getString(3));
                resumed = r.getInt(4) != 0;
            }
            Map<String, FinishedStep> steps = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT s.seq, " + TickRows.RUN_COLUMNS + ", x.result "
                    + "FROM runs s JOIN step_names n ON n.id = s.step "
                    + "LEFT JOIN step_results x ON x.tick = s.tick AND x.step = s.step WHERE s.tick = ? ORDER BY s.seq")) {
                p.setLong(1, tick);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        StepRecord rec = TickRows.stepRecord(r, 2);
                        String result = r.getString(15);
                        steps.put(rec.id(), new FinishedStep(r.getInt(1), rec, result == null ? null : parse(result)));
                    }
                }
            }
            return Optional.of(new Interrupted(tick, at, mode, resumed, steps));
        });
    }

    /** Other ticks left 'running' below the newest (only after a bug): their numbers. */
    public List<Long> staleRunning(long except) throws SQLException {
        return db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT tick FROM ticks WHERE state = 'running' AND tick <> ?")) {
                p.setLong(1, except);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** The result cache: each step's last good result with when it was produced. */
    public Map<String, Map.Entry<JsonNode, Instant>> resultCache() throws SQLException {
        return db.read(c -> {
            Map<String, Map.Entry<JsonNode, Instant>> out = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT step, produced_at, value FROM result_cache");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), Map.entry(parse(r.getString(3)), Instant.parse(r.getString(2))));
                }
            }
            return out;
        });
    }

    /** One page of finished ticks, newest first, with their steps' results. */
    public List<Entry> page(Query q) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = sql(q, args);
        return db.read(c -> {
            List<TickRows.Row> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    p.setObject(i + 1, args.get(i));
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        rows.add(TickRows.Row.read(r));
                    }
                }
            }
            List<Entry> out = new ArrayList<>(rows.size());
            if (rows.isEmpty()) {
                return out;
            }
            // The page's runs and results: one read of each table for the page's ticks.
            TickRows.Span span = TickRows.Span.of(rows.stream().map(TickRows.Row::tick).toList());
            Map<Long, List<StepRecord>> runs = TickRows.runs(c, span);
            long resultsFrom = resultsFrom(c);
            Map<Long, Map<String, String>> results = span.to() < resultsFrom ? Map.of() : TickRows.results(c, span);
            Map<String, Map<String, dev.tickguard.events.BreakerState>> breakers = new java.util.HashMap<>();
            for (TickRows.Row row : rows) {
                out.add(new Entry(row.record(runs.getOrDefault(row.tick(), List.of()), breakers),
                        results.getOrDefault(row.tick(), new LinkedHashMap<>()), row.tick() >= resultsFrom));
            }
            return out;
        });
    }

    /** The page's query ({@link TickRows#TICK_COLUMNS}), its arguments added to {@code args}. */
    static String sql(Query q, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT " + TickRows.TICK_COLUMNS);
        if (q.step() != null) {
            // A step's runs drive the page (at most one a tick): for an outcome other than SUCCESS or a
            // cause, the partial index runs_not_success holds just those runs, by tick.
            sql.append(" FROM runs s JOIN ticks t ON t.tick = s.tick").append(TickRows.BREAKERS_JOIN)
                    .append(" WHERE t.state = 'done' AND s.step = (SELECT id FROM step_names WHERE name = ?)");
            args.add(q.step());
            runFilters(q, sql, args);
            if (q.beforeTick() != null) {
                sql.append(" AND s.tick < ?");
                args.add(q.beforeTick());
            }
        } else {
            sql.append(" FROM ticks t").append(TickRows.BREAKERS_JOIN).append(" WHERE t.state = 'done'");
            if (q.beforeTick() != null) {
                sql.append(" AND t.tick < ?");
                args.add(q.beforeTick());
            }
            if (q.outcome() != null || q.cause() != null) {
                sql.append(" AND EXISTS (SELECT 1 FROM runs s WHERE s.tick = t.tick");
                runFilters(q, sql, args);
                sql.append(")");
            }
        }
        if (q.since() != null) {
            sql.append(" AND t.started_ms >= ?");
            args.add(q.since().toEpochMilli());
        }
        if (q.until() != null) {
            sql.append(" AND t.started_ms < ?");
            args.add(q.until().toEpochMilli());
        }
        if (q.mode() != null) {
            sql.append(" AND t.mode = ?");
            args.add(q.mode().name());
        }
        sql.append(q.step() != null ? " ORDER BY s.tick DESC LIMIT ?" : " ORDER BY t.tick DESC LIMIT ?");
        args.add(q.limit());
        return sql.toString();
    }

    /** A reader of ticks, one at a time. */
    public interface TickSink {
        void accept(TickRecord r) throws java.io.IOException;
    }

    /**
     * Every finished tick after {@code afterTick}, oldest first, without results, read a page at a time
     * (the journal mirror's rebuild; tests).
     *
     * @return how many ticks were given
     */
    public long forEachTick(long afterTick, TickSink sink) throws SQLException, java.io.IOException {
        long after = afterTick;
        long n = 0;
        while (true) {
            long from = after;
            List<TickRecord> page = db.read(c -> {
                List<TickRows.Row> rows = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("SELECT " + TickRows.TICK_COLUMNS + " FROM ticks t"
                        + TickRows.BREAKERS_JOIN + " WHERE t.state = 'done' AND t.tick > ? ORDER BY t.tick LIMIT ?")) {
                    p.setLong(1, from);
                    p.setInt(2, MAX_PAGE);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            rows.add(TickRows.Row.read(r));
                        }
                    }
                }
                List<TickRecord> out = new ArrayList<>(rows.size());
                if (!rows.isEmpty()) {
                    Map<Long, List<StepRecord>> runs = TickRows.runs(c, TickRows.Span.of(rows.stream().map(TickRows.Row::tick).toList()));
                    Map<String, Map<String, dev.tickguard.events.BreakerState>> breakers = new java.util.HashMap<>();
                    for (TickRows.Row row : rows) {
                        out.add(row.record(runs.getOrDefault(row.tick(), List.of()), breakers));
                    }
                }
                return out;
            });
            for (TickRecord r : page) {
                sink.accept(r);
                n++;
            }
            if (page.size() < MAX_PAGE) {
                return n;
            }
            after = page.get(page.size() - 1).tick();
        }
    }

    /** The outcome and cause filters on the runs {@code s}. */
    private static void runFilters(Query q, StringBuilder sql, List<Object> args) {
        if (q.outcome() != null) {
            sql.append(" AND s.outcome = ?");
            args.add(outcomeCode(q.outcome()));
        }
        if (q.cause() != null) {
            sql.append(" AND s.cause = ?");
            args.add(causeCode(q.cause()));
        }
        if ((q.outcome() != null && !q.outcome().equals("SUCCESS")) || q.cause() != null) {
            // Written out so SQLite sees the partial index's condition holds (it matches terms, not values).
            sql.append(" AND s.outcome <> 0");
        }
    }

    /** An outcome's code, or -1 (matches nothing) for a name that is none. */
    private static int outcomeCode(String name) {
        for (int i = 0; i < Codes.OUTCOMES.size(); i++) {
            if (Codes.OUTCOMES.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int causeCode(String label) {
        for (int i = 0; i < Codes.CAUSES.size(); i++) {
            if (Codes.CAUSES.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    /** Ticks below this number have no results kept (pruned by retention, or imported without any). */
    static long resultsFrom(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT CAST(value AS INTEGER) FROM settings WHERE name = ?")) {
            p.setString(1, RESULTS_FROM);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /** The {@code settings} row holding {@link #resultsFrom}. */
    static final String RESULTS_FROM = "results_from_tick";

    private static JsonNode parse(String json) throws SQLException {
        return TickRows.parse(json);
    }
}
