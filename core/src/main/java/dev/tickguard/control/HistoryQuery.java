package dev.tickguard.control;

import dev.tickguard.events.StepOutcome;
import dev.tickguard.spi.SystemMode;
import java.time.Instant;

/**
 * Which page of the retained history {@link TickguardControl#history} returns: newest first, every
 * filter optional ({@code null}: none). The next page after one ending at tick N is {@code before(N)}.
 *
 * @param beforeTick only ticks with a smaller number
 * @param since only ticks started at or after this time
 * @param until only ticks started before this time
 * @param mode only ticks run in this mode
 * @param step only ticks with a run of this step (and {@code outcome} / {@code cause} apply to it)
 * @param outcome only ticks with a step (or the {@code step}) of this outcome
 * @param cause only ticks with a step (or the {@code step}) of this cause, e.g. {@code timeout}
 * @param limit how many at most, 1 to 1,000
 */
public record HistoryQuery(Long beforeTick, Instant since, Instant until, SystemMode mode, String step,
                           StepOutcome outcome, String cause, int limit) {
    public HistoryQuery {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, not " + limit);
        }
    }

    /** The newest {@code limit} ticks. */
    public static HistoryQuery newest(int limit) {
        return new HistoryQuery(null, null, null, null, null, null, null, limit);
    }

    /** The same filters, for the ticks before {@code tick}. */
    public HistoryQuery before(long tick) {
        return new HistoryQuery(tick, since, until, mode, step, outcome, cause, limit);
    }
}
