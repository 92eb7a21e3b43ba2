package dev.tickguard.persist;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Prunes old ticks (with their step runs) from the database: beyond {@code persistence.keep_ticks}
 * ticks, or older than {@code persistence.keep_days}; and the results of ticks older than
 * {@code persistence.keep_results_days} (the bulk of a tick's bytes), whose records stay (a history
 * page then says the result is no longer kept). Never on the tick's path: its own daemon thread
 * ({@code tickguard-retention}) finds what is due a minute after start and then every hour, and hands
 * the deletes to the writer in chunks of {@link #CHUNK} ticks, so a large backlog never holds the
 * writer long. The memory (episodes, vectors) is the agent's and is never pruned; a tick in progress
 * never either. Thread-safe.
 */
public final class Retention implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    /** Ticks deleted per transaction. */
    static final int CHUNK = 2_000;

    private final Database db;
    private final int keepTicks;
    private final int keepDays;
    private final int keepResultsDays;
    private final Supplier<Instant> now;
    private ScheduledExecutorService thread;

    /** Results kept as long as their ticks. @param keepTicks 0: no limit; @param keepDays 0: no limit */
    public Retention(Database db, int keepTicks, int keepDays, Supplier<Instant> now) {
        this(db, keepTicks, keepDays, 0, now);
    }

    /**
     * @param keepTicks 0: no limit
     * @param keepDays 0: no limit
     * @param keepResultsDays 0: results kept as long as their ticks
     */
    public Retention(Database db, int keepTicks, int keepDays, int keepResultsDays, Supplier<Instant> now) {
        this.db = db;
        this.keepTicks = keepTicks;
        this.keepDays = keepDays;
        this.keepResultsDays = keepResultsDays;
        this.now = now;
    }

    /** Starts the background pruning (a minute after start, then hourly). */
    public synchronized void start() {
        if (thread != null || (keepTicks == 0 && keepDays == 0 && keepResultsDays == 0)) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickguard-retention");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::pruneQuietly, 60, 3_600, TimeUnit.SECONDS);
    }

    private void pruneQuietly() {
        try {
            long n = prune();
            long r = pruneResults();
            if (n > 0 || r > 0) {
                LOG.info("[Tickguard] retention: pruned " + n + " old tick(s) and the results of " + r
                        + " more from " + db.file().getFileName());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warning("retention: cannot prune " + db.file() + " now (" + e.getMessage() + "); tried again in an hour");
        }
    }

    /**
     * Prunes what is due now, waiting for each chunk's commit.
     *
     * @return how many ticks were deleted
     */
    public long prune() throws SQLException {
        long below = cutoff();
        long total = 0;
        while (below > 0) {
            long[] deleted = new long[1];
            long until = below;
            db.submit(c -> {
                long from;
                try (PreparedStatement p = c.prepareStatement("SELECT min(tick) FROM ticks");
                     ResultSet r = p.executeQuery()) {
                    from = r.next() ? r.getLong(1) : 0;
                }
                long to = Math.min(until, from + CHUNK);
                for (String table : new String[] {"step_results", "runs"}) {
                    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE tick < ?")) {
                        p.setLong(1, to);
                        p.executeUpdate();
                    }
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM ticks WHERE tick < ? AND state = 'done'")) {
                    p.setLong(1, to);
                    deleted[0] = p.executeUpdate();
                }
            });
            if (!db.flush(60_000)) {
                break;
            }
            total += deleted[0];
            if (deleted[0] == 0) {
                break;
            }
        }
        if (total > 0) {
            // Sets of breaker states no kept tick refers to any more (a scan of the ticks, once per pruning).
            db.submit(c -> Database.exec(c, "DELETE FROM breaker_sets WHERE id NOT IN "
                    + "(SELECT breakers FROM ticks WHERE breakers IS NOT NULL)"));
            db.flush(60_000);
        }
        return total;
    }

    /**
     * Drops the results of ticks older than {@code keep_results_days} (their records stay), waiting
     * for each chunk's commit; each chunk also moves the {@code results_from_tick} mark, so a page
     * never shows a tick below it as having results, nor one above it as having lost them.
     *
     * @return how many ticks lost their results
     */
    public long pruneResults() throws SQLException {
        if (keepResultsDays == 0) {
            return 0;
        }
        long before = now.get().minus(Duration.ofDays(keepResultsDays)).toEpochMilli();
        long below = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(tick) + 1, 0) FROM ticks WHERE started_ms < ?")) {
                p.setLong(1, before);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0L;
                }
            }
        });
        long total = 0;
        // From the mark (or the oldest result left, after ticks were pruned below it) on.
        long from = db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT min(tick) FROM step_results");
                 ResultSet r = p.executeQuery()) {
                long oldest = r.next() ? r.getLong(1) : 0;
                // No results at all: one chunk just moves the mark.
                return Math.max(TickStore.resultsFrom(c), r.wasNull() ? below - 1 : oldest);
            }
        });
        while (from < below) {
            long start = from;
            long to = Math.min(below, from + CHUNK);
            long[] ticks = new long[1];
            db.submit(c -> {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM step_results WHERE tick < ?")) {
                    p.setLong(1, to);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM ticks WHERE tick >= ? AND tick < ?")) {
                    p.setLong(1, start);
                    p.setLong(2, to);
                    try (ResultSet r = p.executeQuery()) {
                        ticks[0] = r.next() ? r.getLong(1) : 0;
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO settings(name, value) VALUES (?, ?) "
                        + "ON CONFLICT(name) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))")) {
                    p.setString(1, TickStore.RESULTS_FROM);
                    p.setString(2, Long.toString(to));
                    p.executeUpdate();
                }
            });
            if (!db.flush(60_000)) {
                break;
            }
            total += ticks[0];
            from = to;
        }
        return total;
    }

    /** Ticks with a number below this are due (0: none). */
    private long cutoff() throws SQLException {
        return db.read(c -> {
            long below = 0;
            if (keepTicks > 0) {
                try (PreparedStatement p = c.prepareStatement("SELECT max(tick) FROM ticks");
                     ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        below = Math.max(below, r.getLong(1) - keepTicks + 1);
                    }
                }
            }
            if (keepDays > 0) {
                long before = now.get().minus(Duration.ofDays(keepDays)).toEpochMilli();
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT coalesce(max(tick) + 1, 0) FROM ticks WHERE started_ms < ?")) {
                    p.setLong(1, before);
                    try (ResultSet r = p.executeQuery()) {
                        if (r.next()) {
                            below = Math.max(below, r.getLong(1));
                        }
                    }
                }
            }
            return Math.max(0, below);
        });
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
