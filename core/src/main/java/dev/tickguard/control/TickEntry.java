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
 * @param resultsKept false for a tick read from the database whose results are no longer kept
 *                (older than {@code persistence.keep_results_days}, or imported from the file-based
 *                version): its record is complete, its {@code results} empty, and a front end says
 *                {@link #RESULT_NOT_KEPT} for a step that had one
 */
public record TickEntry(long seq, TickRecord record, Map<String, ResultJson> results, boolean resultsKept) {
    /** What a front end shows for a step whose result is no longer kept. */
    public static final String RESULT_NOT_KEPT = "result no longer kept (older than persistence.keep_results_days)";

    public TickEntry {
        results = Map.copyOf(results);
    }

    /** A tick with its results. */
    public TickEntry(long seq, TickRecord record, Map<String, ResultJson> results) {
        this(seq, record, results, true);
    }
}
