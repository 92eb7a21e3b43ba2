package dev.tickguard.control.internal;

import dev.tickguard.control.TickEntry;
import dev.tickguard.control.TickQuery;
import dev.tickguard.events.ResultJson;
import dev.tickguard.persist.TickStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** The control API's view of the ticks in the database: pages of history, and the reload at start. */
final class StoredTicks {
    private static final Logger LOG = Logger.getLogger(StoredTicks.class.getName());

    private StoredTicks() {
    }

    /** A page of history as the control API gives it. */
    static List<TickEntry> page(TickStore store, TickQuery q) {
        try {
            List<TickEntry> out = new ArrayList<>();
            for (TickStore.Entry e : store.page(new TickStore.Query(q.beforeTick(), q.since(), q.until(), q.mode(),
                    q.step(), q.outcome() == null ? null : q.outcome().name(), q.cause(), q.limit()))) {
                out.add(entry(e));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history: " + e.getMessage(), e);
        }
    }


    /** The last {@code max} finished ticks with their results, oldest first; empty (said once) if unreadable. */
    static List<TickEntry> last(TickStore store, int max) {
        List<TickEntry> out = new ArrayList<>(max);
        TickQuery q = TickQuery.newest(Math.min(max, TickQuery.MAX_LIMIT));
        try {
            while (out.size() < max) {
                List<TickEntry> page = page(store, q);
                out.addAll(page);
                if (page.size() < q.limit()) {
                    break;
                }
                q = q.before(page.get(page.size() - 1).record().tick());
            }
        } catch (IllegalStateException e) {
            LOG.warning("the timeline starts empty: " + e.getMessage());
            return List.of();
        }
        List<TickEntry> oldestFirst = new ArrayList<>(out.subList(0, Math.min(max, out.size())));
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static TickEntry entry(TickStore.Entry e) {
        Map<String, ResultJson> results = new LinkedHashMap<>();
        e.results().forEach((step, json) -> results.put(step, ResultJson.of(json)));
        return new TickEntry(0, e.record(), results, e.resultsKept());
    }
}
