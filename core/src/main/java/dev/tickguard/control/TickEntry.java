package dev.tickguard.control;

import dev.tickguard.events.ResultJson;
import dev.tickguard.events.TickRecord;
import java.util.Map;

/**
 * One tick of the history: its record and each step's result. Immutable.
 *
 * @param seq the sequence number of its {@code TickFinished} / {@code TickSkipped} event, or 0 if it
 *            was read from the database (an earlier run, or {@link TickguardControl#history})
 * @param record the tick's record (every step record)
 * @param results each step's result JSON by step id, capped at {@link ResultJson#MAX_CHARS} (marked
 *                when cut); a step with no result (it failed with no fallback value) is absent
 */
public record TickEntry(long seq, TickRecord record, Map<String, ResultJson> results) {
    public TickEntry {
        results = Map.copyOf(results);
    }
}
