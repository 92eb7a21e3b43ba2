package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** The runs stored for each tick not finished yet; used on the writer thread only. */
    private final Map<Long, Map<String, Stored>> stored = new HashMap<>();

    /** A run as stored: its place and record. */
    private record Stored(int seq, StepRecord record) {
    }

    /** @param mirror the journal mirror, or null for none */
    public TickWrites(Database db, TickJournal mirror) {
        this.db = db;
        this.mirror = mirror;
        if (mirror != null) {
            // Off the start's path, on the writer thread before any tick's write is applied (a tick's line
            // follows its commit, which a batch may share with this): the mirror rebuilt or caught up
            // from what the database had committed.
            db.submit(c -> mirror.repairFrom(new TickStore(db)));
        }
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
        started(tick, at, mode, null);
    }

    /** A tick starts in a mode, for this reason (the badge's words): its in-progress row. */
    public void started(long tick, Instant at, SystemMode mode, String modeReason) {
        db.submit(c -> TickRows.start(c, tick, at, mode, modeReason));
    }

    /**
     * A step's run ended (or was skipped): its record and result.
     *
     * @param seq its place in the tick's record (sequential steps in order, then the parallel ones)
     * @param value its result, or null if it has none
     */
    public void step(long tick, String runKey, int seq, StepRecord r, JsonNode value) {
        db.submit(c -> {
            TickRows.run(c, tick, runKey, seq, r, value == null ? null : json(value));
            stored.computeIfAbsent(tick, t -> new HashMap<>()).put(r.id(), new Stored(seq, r));
        });
    }

    /** A tick ended (finished, stopped, skipped or closed as aborted): its row, and its journal line mirrored. */
    public void finished(TickRecord r) {
        db.submit(new Database.Write() {
            @Override
            public void apply(java.sql.Connection c) throws SQLException {
                // Its runs are stored as they ended: only a step the record has otherwise (or not at all) is written.
                Map<String, Stored> runs = stored.getOrDefault(r.tick(), Map.of());
                List<String> extra = new ArrayList<>(runs.keySet());
                r.steps().forEach(s -> extra.remove(s.id()));
                TickRows.finish(c, r, (i, s) -> {
                    Stored kept = runs.get(s.id());
                    return kept != null && kept.seq() == i && kept.record().equals(s);
                }, extra);
                stored.remove(r.tick());
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
