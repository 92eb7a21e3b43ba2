package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.StepState;
import dev.tickguard.spi.internal.MapStepState;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Every step's {@link StepState}, kept in the database's {@code settings} table, one row a step
 * named {@code step_state:<id>}: {@code {"values": {...}, "run": "<run key>", "tick": N, "before": {...}}}.
 * The row remembers which run wrote last and the state before that run, so a run repeated under
 * the same key (a resumed tick) starts from the state before its first attempt: its changes apply
 * once however often it runs. Writes go through the database's one writer, in order with the step
 * records; the latest state of each step is also kept here, so a read never waits for a commit.
 * Thread-safe.
 */
public final class StepStates {
    private static final Logger LOG = Logger.getLogger(StepStates.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The prefix of a step's row in {@code settings}. */
    public static final String PREFIX = "step_state:";

    private final Database db;
    // Guarded by this: the latest state of each step read or written so far.
    private final Map<String, Row> rows = new HashMap<>();
    // Guarded by this: every step's row was read at construction, so a step without one has none.
    private boolean preloaded;

    /** What one step's row holds. */
    private record Row(ObjectNode values, String run, long tick, ObjectNode before) {
        ObjectNode json() {
            ObjectNode o = JSON.createObjectNode();
            o.set("values", values);
            if (run != null) {
                o.put("run", run).put("tick", tick).set("before", before);
            }
            return o;
        }
    }

    /** Reads every step's state now (one query, when the engine is built), so no step's first run waits for a read. */
    public StepStates(Database db) {
        this.db = db;
        Map<String, String> found;
        try {
            found = db.read(c -> {
                Map<String, String> out = new HashMap<>();
                try (PreparedStatement p = c.prepareStatement("SELECT name, value FROM settings WHERE name >= ? AND name < ?")) {
                    p.setString(1, PREFIX);
                    p.setString(2, PREFIX.substring(0, PREFIX.length() - 1) + (char) (':' + 1));
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            String step = rs.getString(1).substring(PREFIX.length());
                            if (!step.endsWith(".bad")) {
                                out.put(step, rs.getString(2));
                            }
                        }
                    }
                }
                return out;
            });
        } catch (SQLException e) {
            return; // each step's state is then read when first asked for, and a failure is that step's
        }
        synchronized (this) {
            found.forEach((step, text) -> rows.put(step, parse(step, text)));
            preloaded = true;
        }
    }

    /**
     * The state one run of a step sees and writes.
     *
     * @param cancelled true once the run may no longer write (deadline passed, abandoned, stopping)
     * @throws IllegalStateException if the step's state cannot be read from the database (the run
     *     then fails and falls back, rather than overwrite a state it could not see)
     */
    public StepState forRun(String stepId, long tick, String runKey, BooleanSupplier cancelled) {
        Row row = row(stepId);
        // A repeated run starts where its first attempt started: what that attempt wrote is replaced.
        ObjectNode start = runKey.equals(row.run()) ? row.before() : row.values();
        return new RunState(stepId, tick, runKey, start, cancelled);
    }

    private synchronized Row row(String stepId) {
        Row r = rows.get(stepId);
        if (r == null) {
            r = preloaded ? new Row(JSON.createObjectNode(), null, 0, null) : load(stepId);
            rows.put(stepId, r);
        }
        return r;
    }

    private Row load(String stepId) {
        String text;
        try {
            text = db.read(c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
                    p.setString(1, PREFIX + stepId);
                    try (ResultSet rs = p.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the state of step '" + stepId + "' from " + db.file() + ": "
                    + DatabaseFile.describe(e), e);
        }
        return text == null ? new Row(JSON.createObjectNode(), null, 0, null) : parse(stepId, text);
    }

    /** A row's text as a {@link Row}; damage is kept aside as {@code <name>.bad} and read as an empty state. */
    private Row parse(String stepId, String text) {
        Row empty = new Row(JSON.createObjectNode(), null, 0, null);
        String problem;
        try {
            JsonNode n = JSON.readTree(text);
            JsonNode values = n == null ? null : n.get("values");
            if (values != null && values.isObject()) {
                JsonNode before = n.get("before");
                return new Row((ObjectNode) values, n.path("run").isTextual() ? n.get("run").asText() : null,
                        n.path("tick").asLong(), before != null && before.isObject() ? (ObjectNode) before
                        : JSON.createObjectNode());
            }
            problem = "no \"values\" object";
        } catch (IOException e) {
            problem = "not JSON";
        }
        // Damage (a hand edit): kept under another name, never overwritten, and the step starts empty.
        String bad = PREFIX + stepId + ".bad";
        db.submit(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO settings(name, value) VALUES (?, ?)")) {
                p.setString(1, bad);
                p.setString(2, text);
                p.executeUpdate();
            }
        });
        LOG.warning("the state of step '" + stepId + "' in " + db.file() + " is damaged (" + problem
                + "); kept as settings row '" + bad + "'; the step starts with an empty state");
        return empty;
    }

    private synchronized void write(String stepId, Row next) {
        Row now = rows.get(stepId);
        if (now != null && now.run() != null && now.tick() > next.tick()) {
            throw new IllegalStateException("step '" + stepId + "' of tick " + next.tick()
                    + " cannot change the state a run of tick " + now.tick() + " wrote since");
        }
        rows.put(stepId, next);
        String name = PREFIX + stepId;
        String value = next.json().toString();
        db.submit(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO settings(name, value) VALUES (?, ?)")) {
                p.setString(1, name);
                p.setString(2, value);
                p.executeUpdate();
            }
        });
    }

    /** One run's view: starts from its start state, every change written through as the step's new row. */
    private final class RunState extends MapStepState {
        private final long tick;
        private final String runKey;
        private final ObjectNode start;
        private final BooleanSupplier cancelled;

        RunState(String stepId, long tick, String runKey, ObjectNode start, BooleanSupplier cancelled) {
            super(stepId, start);
            this.tick = tick;
            this.runKey = runKey;
            this.start = start.deepCopy();
            this.cancelled = cancelled;
        }

        @Override
        protected void beforeWrite() {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("the run " + runKey + " was cancelled: the state of step '" + stepId()
                        + "' can no longer change");
            }
        }

        @Override
        protected void written(ObjectNode newValues) {
            write(stepId(), new Row(newValues, runKey, tick, start));
        }
    }
}
