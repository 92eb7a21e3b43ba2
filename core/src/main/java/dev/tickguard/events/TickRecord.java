package dev.tickguard.events;

import dev.tickguard.spi.SystemMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything about one finished or skipped tick: the journal line and the dashboard's timeline row.
 *
 * @param tick the tick number
 * @param startedAt when it started
 * @param durationMs its wall time
 * @param mode the system mode it ran in
 * @param skipped true if it was not run at all
 * @param skipReason why it was skipped, or {@code null}
 * @param abortReason why it stopped before its last step, or {@code null}
 * @param counts the summary counts
 * @param breakers every breaker's state at the end of the tick, by name
 * @param steps what each step did, in start order
 * @param criticalOverrunMs how far the critical steps ran over their budget (0 if not)
 * @param restored the steps of a tick resumed after the process died that were not run again (their
 *     records and results were restored from the database), in run order; empty for a tick that was not resumed
 * @param resumed true if the tick was resumed after the process died in the middle of it
 * @param modeReason why the system was in its mode when the tick started, in the words of the
 *     dashboard's badge ({@code health.ModeReasons}); {@code null} if not known (a tick journaled
 *     before the reason was kept)
 */
public record TickRecord(long tick, Instant startedAt, long durationMs, SystemMode mode, boolean skipped,
                         String skipReason, String abortReason, TickCounts counts, Map<String, BreakerState> breakers,
                         List<StepRecord> steps, long criticalOverrunMs, boolean resumed, List<String> restored,
                         String modeReason) {
    public TickRecord {
        breakers = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(breakers));
        steps = List.copyOf(steps);
        restored = List.copyOf(restored);
    }

    /** A tick whose mode's reason is not known. */
    public TickRecord(long tick, Instant startedAt, long durationMs, SystemMode mode, boolean skipped, String skipReason,
                      String abortReason, TickCounts counts, Map<String, BreakerState> breakers, List<StepRecord> steps,
                      long criticalOverrunMs, boolean resumed, List<String> restored) {
        this(tick, startedAt, durationMs, mode, skipped, skipReason, abortReason, counts, breakers, steps,
                criticalOverrunMs, resumed, restored, null);
    }

    /** The same tick, with the reason for its mode. */
    public TickRecord withModeReason(String reason) {
        return new TickRecord(tick, startedAt, durationMs, mode, skipped, skipReason, abortReason, counts, breakers, steps,
                criticalOverrunMs, resumed, restored, reason);
    }

    /** A tick that was not resumed. */
    public TickRecord(long tick, Instant startedAt, long durationMs, SystemMode mode, boolean skipped, String skipReason,
                      String abortReason, TickCounts counts, Map<String, BreakerState> breakers, List<StepRecord> steps,
                      long criticalOverrunMs) {
        this(tick, startedAt, durationMs, mode, skipped, skipReason, abortReason, counts, breakers, steps,
                criticalOverrunMs, false, List.of());
    }
}
