package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the engine writes about its ticks, each call handed to the database's writer thread (so it
 * costs the tick an enqueue, never a disk write): a tick's start (the in-progress row a restart
 * resumes), each step's run as it ends (record and result, so a resumed tick restores it instead of
 * running it again), the tick's end (its journal line, mirrored to {@code logs/ticks.jsonl} after the
 * commit), and the result cache. Thread-safe.
 */
public final class TickWrites {
    private final Database db;
    private final TickJournal mirror;
    private final AtomicLong lostTicks = new AtomicLong();

    /** @param mirror the journal mirror, or null for none */
    public TickWrites(Database db, TickJournal mirror) {
        this.db = db;
        this.mirror = mirror;
    }

    public Database database() {
        return db;
    }

    /** Ticks whose journal record was dropped because the disk refused writes for too long. */
    public long lostTicks() {
        return lostTicks.get();
    }

    /**
     * A result as JSON text; a value that cannot be written (a plugin's node whose object throws) is
     * kept as a JSON string saying so, never failing the write (and the other writes of its transaction).
     */
    static String json(JsonNode value) {
        try {
            return value.toString();
        } catch (RuntimeException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf("result could not be written: "
                    + e.getClass().getSimpleName()).toString();
        }
    }

    /** A tick starts: its in-progress row (kept as it is for a resumed tick). */
    public void started(long tick, Instant at, SystemMode mode) {
        db.submit(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ticks(tick, started_at, started_ms, state, mode) "
                    + "VALUES (?, ?, ?, 'running', ?) ON CONFLICT(tick) DO NOTHING")) {
                p.setLong(1, tick);
                p.setString(2, at.toString());
                p.setLong(3, at.toEpochMilli());
                p.setString(4, mode.name());
                p.executeUpdate();
            }
        });
    }

    /**
     * A step's run ended (or was skipped): its record and result.
     *
     * @param seq its place in the tick's record (sequential steps in order, then the parallel ones)
     * @param value its result, or null if it has none
     */
    public void step(long tick, String runKey, int seq, StepRecord r, JsonNode value) {
        db.submit(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO step_runs(tick, step, run_key, seq, "
                    + "outcome, cause, fallback, error, record, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, tick);
                p.setString(2, r.id());
                p.setString(3, runKey);
                p.setInt(4, seq);
                p.setString(5, r.outcome().name());
                p.setString(6, r.cause() == null ? null : r.cause().label());
                p.setString(7, r.fallback() == null ? null : r.fallback().label());
                p.setString(8, r.error());
                p.setString(9, JournalJson.step(r).toString());
                p.setString(10, value == null ? null : json(value));
                p.executeUpdate();
            }
        });
    }

    /** A tick ended (finished, stopped, skipped or closed as aborted): its journal line. */
    public void finished(TickRecord r) {
        db.submit(new Database.Write() {
            @Override
            public void apply(java.sql.Connection c) throws SQLException {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO ticks(tick, started_at, started_ms, state, "
                        + "resumed, mode, skipped, abort_reason, duration_ms, record) VALUES (?, ?, ?, 'done', ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT(tick) DO UPDATE SET state = 'done', resumed = excluded.resumed, mode = excluded.mode, "
                        + "skipped = excluded.skipped, abort_reason = excluded.abort_reason, "
                        + "duration_ms = excluded.duration_ms, record = excluded.record")) {
                    p.setLong(1, r.tick());
                    p.setString(2, r.startedAt().toString());
                    p.setLong(3, r.startedAt().toEpochMilli());
                    p.setInt(4, r.resumed() ? 1 : 0);
                    p.setString(5, r.mode().name());
                    p.setInt(6, r.skipped() ? 1 : 0);
                    p.setString(7, r.abortReason());
                    p.setLong(8, r.durationMs());
                    p.setString(9, JournalJson.tick(r).toString());
                    p.executeUpdate();
                }
            }

            @Override
            public void afterCommit() {
                if (mirror != null) {
                    mirror.append(r);
                }
            }

            @Override
            public void dropped() {
                lostTicks.incrementAndGet();
            }
        });
    }

    /**
     * Marks an interrupted tick as resumed and waits for that to be on disk, so that a second crash
     * closes it instead of resuming it again.
     *
     * @return false if the mark could not be written (then the tick is not resumed)
     */
    public boolean markResumed(long tick) {
        db.submit(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE ticks SET resumed = 1 WHERE tick = ?")) {
                p.setLong(1, tick);
                p.executeUpdate();
            }
        });
        return db.flush(10_000);
    }

    /** A step's last good result and when it was produced, for the cached fallback. */
    public record Cached(String stepId, JsonNode value, Instant producedAt) {
    }

    /**
     * Several steps' last good results (a tick's, saved after it ends) in one hand-off: one enqueue
     * for the tick instead of one per step.
     */
    public void cache(java.util.List<Cached> entries) {
        if (entries.isEmpty()) {
            return;
        }
        db.submit(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO result_cache(step, produced_at, value) VALUES (?, ?, ?)")) {
                for (Cached e : entries) {
                    p.setString(1, e.stepId());
                    p.setString(2, e.producedAt().toString());
                    p.setString(3, json(e.value()));
                    p.executeUpdate();
                }
            }
        });
    }
}
