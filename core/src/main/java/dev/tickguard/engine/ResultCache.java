package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.persist.TickStore;
import dev.tickguard.persist.TickWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The last good result of each step, with when it was produced: the middle link of the fallback
 * chain. It survives restarts in the database's {@code result_cache} table (saved after each tick,
 * see {@link #saveChanged}). Thread-safe.
 */
public final class ResultCache {
    private static final Logger LOG = Logger.getLogger(ResultCache.class.getName());

    /** A cached result and when it was produced. */
    public record Entry(JsonNode value, Instant producedAt) {
        /** How old the entry is at {@code now}. */
        public Duration age(Instant now) {
            return Duration.between(producedAt, now);
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Steps whose entry changed since the last save (a set: a step that succeeds every tick is saved once per save). */
    private final java.util.Set<String> changed = ConcurrentHashMap.newKeySet();

    /** Remembers a step's good result. */
    public void put(String stepId, JsonNode value, Instant at) {
        entries.put(stepId, new Entry(value, at));
        changed.add(stepId);
    }

    /** The step's cached result if there is one no older than {@code maxAge} at {@code now}. */
    public Optional<Entry> fresh(String stepId, Duration maxAge, Instant now) {
        Entry e = entries.get(stepId);
        if (e == null || e.age(now).compareTo(maxAge) > 0) {
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** The step's cached result, however old. */
    public Optional<Entry> get(String stepId) {
        return Optional.ofNullable(entries.get(stepId));
    }

    /**
     * Hands the entries that changed since the last save to the database's writer (one enqueue for
     * all of them: cheap enough for the tick loop, never a disk write).
     */
    public void saveChanged(TickWrites writes) {
        if (changed.isEmpty()) {
            return;
        }
        java.util.List<TickWrites.Cached> out = new java.util.ArrayList<>(changed.size());
        for (java.util.Iterator<String> it = changed.iterator(); it.hasNext(); ) {
            String id = it.next();
            it.remove();
            Entry e = entries.get(id);
            if (e != null) {
                out.add(new TickWrites.Cached(id, e.value(), e.producedAt()));
            }
        }
        writes.cache(out);
    }

    /** The cache as the database holds it (an unreadable database gives an empty cache, with a warning). */
    public static ResultCache load(TickStore store) {
        ResultCache cache = new ResultCache();
        try {
            store.resultCache().forEach((id, e) -> cache.entries.put(id, new Entry(e.getKey(), e.getValue())));
        } catch (java.sql.SQLException e) {
            LOG.warning("cannot read the result cache from the database (" + e.getMessage() + "); starting with an empty cache");
        }
        return cache;
    }
}
