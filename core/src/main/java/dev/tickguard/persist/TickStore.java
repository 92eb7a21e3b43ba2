package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper JSON = new ObjectMapper();
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

    /** A tick of the history with each step's result (JSON text; a step with no result is absent). */
    public record Entry(TickRecord record, Map<String, String> results) {
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
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT seq, record, result FROM step_runs WHERE tick = ? ORDER BY seq")) {
                p.setLong(1, tick);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        StepRecord rec = JournalJson.stepRecord(parse(r.getString(2)));
                        String result = r.getString(3);
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
        StringBuilder sql = new StringBuilder("SELECT t.tick, t.record FROM ticks t WHERE t.state = 'done'");
        List<Object> args = new ArrayList<>();
        if (q.beforeTick() != null) {
            sql.append(" AND t.tick < ?");
            args.add(q.beforeTick());
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
        if (q.step() != null || q.outcome() != null || q.cause() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM step_runs s WHERE s.tick = t.tick");
            if (q.step() != null) {
                sql.append(" AND s.step = ?");
                args.add(q.step());
            }
            if (q.outcome() != null) {
                sql.append(" AND s.outcome = ?");
                args.add(q.outcome());
            }
            if (q.cause() != null) {
                sql.append(" AND s.cause = ?");
                args.add(q.cause());
            }
            sql.append(")");
        }
        sql.append(" ORDER BY t.tick DESC LIMIT ?");
        args.add(q.limit());
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    p.setObject(i + 1, args.get(i));
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Entry(JournalJson.tickRecord(parse(r.getString(2))), new LinkedHashMap<>()));
                    }
                }
            }
            if (!out.isEmpty()) {
                addResults(c, out);
            }
            return out;
        });
    }

    /** One query for the results of every tick of the page (a range scan of the primary key). */
    private static void addResults(Connection c, List<Entry> page) throws SQLException {
        Map<Long, Map<String, String>> byTick = new java.util.HashMap<>();
        for (Entry e : page) {
            byTick.put(e.record().tick(), e.results());
        }
        try (PreparedStatement p = c.prepareStatement("SELECT tick, step, result FROM step_runs "
                + "WHERE tick BETWEEN ? AND ? AND result IS NOT NULL ORDER BY tick, seq")) {
            p.setLong(1, page.get(page.size() - 1).record().tick());
            p.setLong(2, page.get(0).record().tick());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Map<String, String> m = byTick.get(r.getLong(1));
                    if (m != null) {
                        m.put(r.getString(2), r.getString(3));
                    }
                }
            }
        }
    }

    private static JsonNode parse(String json) throws SQLException {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new SQLException("not JSON in the database: " + e.getMessage(), e);
        }
    }
}
