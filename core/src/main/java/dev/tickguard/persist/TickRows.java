package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.SystemMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * How a tick and its step runs are stored (schema version 2): once, in columns of {@code ticks} and
 * {@code runs}, with the results apart in {@code step_results}; and how the tick's record (the
 * journal line) is rebuilt from them. Every write here runs on the connection it is given, inside its
 * caller's transaction (the database's writer, the import, or the history benchmark that fills a
 * database the way Tickguard does).
 */
public final class TickRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The columns {@link #tick(ResultSet, List)} reads, for {@code FROM ticks t} {@link #BREAKERS_JOIN}. */
    static final String TICK_COLUMNS = "t.tick, t.started_at, t.duration_ms, t.mode, t.skipped, t.skip_reason, "
            + "t.abort_reason, t.critical_overrun_ms, b.breakers, t.resumed, t.restored, t.mode_reason";
    static final String BREAKERS_JOIN = " LEFT JOIN breaker_sets b ON b.id = t.breakers";

    private TickRows() {
    }

    /** A tick starts: its in-progress row (kept as it is if the tick has one: a resumed tick). */
    public static void start(Connection c, long tick, Instant at, SystemMode mode, String modeReason) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ticks(tick, started_at, started_ms, state, mode, "
                + "mode_reason) VALUES (?, ?, ?, 'running', ?, ?) ON CONFLICT(tick) DO NOTHING")) {
            p.setLong(1, tick);
            p.setString(2, at.toString());
            p.setLong(3, at.toEpochMilli());
            p.setString(4, mode.name());
            p.setString(5, modeReason);
            p.executeUpdate();
        }
    }

    /**
     * A step's run: its row, and its result (JSON text, or null if it has none: a result an earlier
     * write of the same run left is removed).
     */
    public static void run(Connection c, long tick, String runKey, int seq, StepRecord r, String result)
            throws SQLException {
        // The usual key is the tick and the step: kept only when it is another (20-odd bytes a run).
        long step = row(c, tick, seq, r, true, runKey == null || runKey.equals(tick + "/" + r.id()) ? null : runKey);
        if (result != null) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO step_results(tick, step, result) VALUES (?, ?, ?)")) {
                p.setLong(1, tick);
                p.setLong(2, step);
                p.setString(3, result);
                p.executeUpdate();
            }
        } else {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM step_results WHERE tick = ? AND step = ?")) {
                p.setLong(1, tick);
                p.setLong(2, step);
                p.executeUpdate();
            }
        }
    }

    /**
     * A tick ended: its row completed, and a run row for each of its steps that {@code written} does
     * not say is already stored as it is (so a tick's runs are normally written once, as they end);
     * a result is never touched here.
     *
     * @param written whether the step at this place of the record is stored with that place and record
     * @param extra steps stored for this tick that its record does not list (removed, with their results)
     */
    public static void finish(Connection c, TickRecord r, BiPredicate<Integer, StepRecord> written,
                              List<String> extra) throws SQLException {
        Long breakers = r.breakers().isEmpty() ? null : breakersId(c, breakersJson(r.breakers()));
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ticks(tick, started_at, started_ms, state, resumed, "
                + "mode, mode_reason, skipped, skip_reason, abort_reason, duration_ms, critical_overrun_ms, breakers, "
                + "restored) VALUES (?, ?, ?, 'done', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT(tick) DO UPDATE SET state = 'done', resumed = excluded.resumed, mode = excluded.mode, "
                + "mode_reason = coalesce(excluded.mode_reason, ticks.mode_reason), skipped = excluded.skipped, skip_reason = excluded.skip_reason, "
                + "abort_reason = excluded.abort_reason, duration_ms = excluded.duration_ms, "
                + "critical_overrun_ms = excluded.critical_overrun_ms, breakers = excluded.breakers, "
                + "restored = excluded.restored")) {
            p.setLong(1, r.tick());
            p.setString(2, r.startedAt().toString());
            p.setLong(3, r.startedAt().toEpochMilli());
            p.setInt(4, r.resumed() ? 1 : 0);
            p.setString(5, r.mode().name());
            p.setString(6, r.modeReason());
            p.setInt(7, r.skipped() ? 1 : 0);
            p.setString(8, r.skipReason());
            p.setString(9, r.abortReason());
            p.setLong(10, r.durationMs());
            p.setLong(11, r.criticalOverrunMs());
            if (breakers == null) {
                p.setNull(12, Types.INTEGER);
            } else {
                p.setLong(12, breakers);
            }
            p.setString(13, r.resumed() ? restoredJson(r.restored()) : null);
            p.executeUpdate();
        }
        for (String id : extra) {
            long step = stepId(c, id);
            for (String table : new String[] {"runs", "step_results"}) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE tick = ? AND step = ?")) {
                    p.setLong(1, r.tick());
                    p.setLong(2, step);
                    p.executeUpdate();
                }
            }
        }
        List<StepRecord> steps = r.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (!written.test(i, steps.get(i))) {
                row(c, r.tick(), i, steps.get(i), false, null);
            }
        }
    }

    /**
     * A run's row (inserted, or updated in place), its step's number returned.
     *
     * @param setKey whether {@code runKey} is written (else a stored key is kept: the tick's record has none)
     */
    private static long row(Connection c, long tick, int seq, StepRecord r, boolean setKey, String runKey)
            throws SQLException {
        long step = stepId(c, r.id());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO runs(tick, step, seq, outcome, cause, fallback, error, "
                + "priority, phase, start_ms, duration_ms, timeout_ms, abandoned, ran_on, run_key, attempt) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(tick, step) DO UPDATE SET "
                + "seq = excluded.seq, outcome = excluded.outcome, cause = excluded.cause, fallback = excluded.fallback, "
                + "error = excluded.error, priority = excluded.priority, phase = excluded.phase, "
                + "start_ms = excluded.start_ms, duration_ms = excluded.duration_ms, timeout_ms = excluded.timeout_ms, "
                + "abandoned = excluded.abandoned, ran_on = excluded.ran_on, attempt = excluded.attempt"
                + (setKey ? ", run_key = excluded.run_key" : ""))) {
            p.setLong(1, tick);
            p.setLong(2, step);
            p.setInt(3, seq);
            p.setInt(4, Codes.code(Codes.OUTCOMES, r.outcome()));
            setInt(p, 5, Codes.code(Codes.CAUSES, r.cause()));
            setInt(p, 6, Codes.code(Codes.FALLBACKS, r.fallback()));
            p.setString(7, r.error());
            p.setInt(8, Codes.code(Codes.PRIORITIES, r.priority()));
            p.setInt(9, r.phase().number());
            p.setLong(10, r.startMs());
            p.setLong(11, r.durationMs());
            p.setLong(12, r.timeoutMs());
            p.setInt(13, r.abandoned() ? 1 : 0);
            p.setString(14, r.ranOn());
            p.setString(15, runKey);
            p.setInt(16, r.attempt());
            p.executeUpdate();
        }
        return step;
    }

    /**
     * The numbers of step ids seen on each connection. A number is never deleted or changed once
     * committed; one given in a transaction that then fails is forgotten with its connection (the
     * database's writer drops a connection whose transaction failed and opens another).
     */
    private static final Map<Connection, Map<String, Long>> STEP_IDS = java.util.Collections.synchronizedMap(
            new java.util.WeakHashMap<>());

    /** The number of a step id ({@code step_names}), given one the first time the id is stored. */
    static long stepId(Connection c, String name) throws SQLException {
        Map<String, Long> known = STEP_IDS.computeIfAbsent(c, k -> new java.util.concurrent.ConcurrentHashMap<>());
        Long id = known.get(name);
        if (id != null) {
            return id;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM step_names WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    id = r.getLong(1);
                }
            }
        }
        if (id == null) {
            id = insert(c, "INSERT INTO step_names(name) VALUES (?)", name);
        }
        known.put(name, id);
        return id;
    }

    /** The number of a set of breaker states ({@code breaker_sets}): a tick stores a number, not the set. */
    private static long breakersId(Connection c, String json) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM breaker_sets WHERE breakers = ?")) {
            p.setString(1, json);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
        }
        return insert(c, "INSERT INTO breaker_sets(breakers) VALUES (?)", json);
    }

    private static long insert(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, value);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("SELECT last_insert_rowid()"); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String breakersJson(Map<String, BreakerState> breakers) {
        ObjectNode o = JSON.createObjectNode();
        new TreeMap<>(breakers).forEach((name, state) -> o.put(name, state.label()));
        return o.toString();
    }

    private static String restoredJson(List<String> restored) {
        ArrayNode a = JSON.createArrayNode();
        restored.forEach(a::add);
        return a.toString();
    }

    private static void setInt(PreparedStatement p, int i, Integer v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setInt(i, v);
        }
    }

    // ---- reading back ----

    /** The columns {@link #stepRecord} reads, for {@code FROM runs s JOIN step_names n ON n.id = s.step}. */
    static final String RUN_COLUMNS = "n.name, s.priority, s.phase, s.start_ms, s.duration_ms, s.timeout_ms, s.outcome, "
            + "s.cause, s.fallback, s.error, s.abandoned, s.ran_on, s.attempt";

    /** A step's record from {@link #RUN_COLUMNS} starting at column {@code at}. */
    static StepRecord stepRecord(ResultSet r, int at) throws SQLException {
        String id = r.getString(at);
        int priority = r.getInt(at + 1);
        int phase = r.getInt(at + 2);
        long start = r.getLong(at + 3);
        long duration = r.getLong(at + 4);
        long timeout = r.getLong(at + 5);
        int outcome = r.getInt(at + 6);
        int cause = r.getInt(at + 7);
        boolean noCause = r.wasNull();
        int fallback = r.getInt(at + 8);
        boolean noFallback = r.wasNull();
        return new StepRecord(id, Codes.value(Codes.PRIORITIES, priority, false), Phase.of(phase), start, duration,
                timeout, Codes.value(Codes.OUTCOMES, outcome, false), Codes.value(Codes.CAUSES, cause, noCause),
                Codes.value(Codes.FALLBACKS, fallback, noFallback), r.getString(at + 9), r.getInt(at + 10) != 0,
                r.getString(at + 11), Math.max(1, r.getInt(at + 12)));
    }

    /**
     * Which ticks a page's runs or results are read for: the range of the page when its ticks are
     * dense (one range scan), else just its ticks (a filtered page of a step's fallbacks spreads 100
     * ticks over thousands: reading every run between them cost most of its time).
     */
    record Span(long from, long to, List<Long> ticks) {
        static Span of(List<Long> ticks) {
            long from = java.util.Collections.min(ticks);
            long to = java.util.Collections.max(ticks);
            return new Span(from, to, to - from + 1 <= 2L * ticks.size() ? null : ticks);
        }

        /** The condition on {@code column} ({@link #bind} gives its arguments). */
        String where(String column) {
            if (ticks == null) {
                return column + " BETWEEN ? AND ?";
            }
            return column + " IN (" + String.join(", ", java.util.Collections.nCopies(ticks.size(), "?")) + ")";
        }

        void bind(PreparedStatement p) throws SQLException {
            if (ticks == null) {
                p.setLong(1, from);
                p.setLong(2, to);
            } else {
                for (int i = 0; i < ticks.size(); i++) {
                    p.setLong(i + 1, ticks.get(i));
                }
            }
        }
    }

    /** The step records of the span's ticks, by tick, each in its record's order. */
    static Map<Long, List<StepRecord>> runs(Connection c, Span span) throws SQLException {
        Map<Long, List<StepRecord>> out = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT s.tick, " + RUN_COLUMNS
                + " FROM runs s JOIN step_names n ON n.id = s.step WHERE " + span.where("s.tick") + " ORDER BY s.tick, s.seq")) {
            span.bind(p);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getLong(1), t -> new ArrayList<>()).add(stepRecord(r, 2));
                }
            }
        }
        return out;
    }

    /** A tick's row as read ({@link #TICK_COLUMNS}), waiting for its steps to become its record. */
    record Row(long tick, String startedAt, long durationMs, String mode, boolean skipped, String skipReason,
               String abortReason, long criticalOverrunMs, String breakers, boolean resumed, String restored,
               String modeReason) {
        static Row read(ResultSet r) throws SQLException {
            return new Row(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getInt(5) != 0, r.getString(6),
                    r.getString(7), r.getLong(8), r.getString(9), r.getInt(10) != 0, r.getString(11), r.getString(12));
        }

        /**
         * The tick's record with these steps (its counts are theirs, as the engine counts them), with the
         * breaker sets a page already read ({@code parsed}, by their JSON): the
         * ticks of a page mostly share one set, and reading it again for each was most of a page's time.
         */
        TickRecord record(List<StepRecord> steps, Map<String, Map<String, BreakerState>> parsed) throws SQLException {
            Map<String, BreakerState> states = Map.of();
            List<String> ids = new ArrayList<>();
            try {
                if (breakers != null) {
                    states = parsed.get(breakers);
                    if (states == null) {
                        Map<String, BreakerState> read = new TreeMap<>();
                        JSON.readTree(breakers).fields().forEachRemaining(e -> read.put(e.getKey(),
                                BreakerState.valueOf(e.getValue().asText().toUpperCase(Locale.ROOT))));
                        parsed.put(breakers, read);
                        states = read;
                    }
                }
                if (restored != null) {
                    JSON.readTree(restored).forEach(id -> ids.add(id.asText()));
                }
            } catch (java.io.IOException | RuntimeException e) {
                throw new SQLException("tick " + tick + " in the database cannot be read: " + e.getMessage(), e);
            }
            return new TickRecord(tick, Instant.parse(startedAt), durationMs, SystemMode.valueOf(mode), skipped,
                    skipReason, abortReason, TickCounts.of(steps), states, steps, criticalOverrunMs, resumed, ids,
                    modeReason);
        }
    }

    /** The results of the span's ticks, by tick, each by step id. */
    static Map<Long, Map<String, String>> results(Connection c, Span span) throws SQLException {
        Map<Long, Map<String, String>> out = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT x.tick, n.name, x.result FROM step_results x "
                + "JOIN step_names n ON n.id = x.step WHERE " + span.where("x.tick") + " ORDER BY x.tick, x.rowid")) {
            span.bind(p);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getLong(1), t -> new java.util.LinkedHashMap<>()).put(r.getString(2), r.getString(3));
                }
            }
        }
        return out;
    }

    /** Parses a stored result. */
    static JsonNode parse(String json) throws SQLException {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new SQLException("not JSON in the database: " + e.getMessage(), e);
        }
    }
}
