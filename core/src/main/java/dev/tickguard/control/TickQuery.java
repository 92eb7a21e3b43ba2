package dev.tickguard.control;

import dev.tickguard.events.StepOutcome;
import dev.tickguard.spi.SystemMode;
import java.time.Instant;

/**
 * Which retained ticks a page of history holds, newest first. Every filter may be null (none).
 *
 * @param beforeTick only ticks numbered below it: the next page after one whose last tick is N is
 *                   {@code before(N)}; to jump to tick N, {@code before(N + 1)}
 * @param since only ticks started at or after this time
 * @param until only ticks started before this time (to jump to a time)
 * @param mode only ticks run in this mode
 * @param step only ticks with a run of this step ({@code outcome} and {@code cause} then apply to it)
 * @param outcome only ticks with a step of this outcome
 * @param cause only ticks with a step of this cause ({@code timeout}, {@code dependency_open}, ...)
 * @param limit how many at most, 1 to {@link #MAX_LIMIT}
 */
public record TickQuery(Long beforeTick, Instant since, Instant until, SystemMode mode, String step, StepOutcome outcome,
                        String cause, int limit) {
    /** The most ticks one page holds. */
    public static final int MAX_LIMIT = 1_000;

    public TickQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_LIMIT + " ticks, not " + limit);
        }
        if (beforeTick != null && beforeTick < 1) {
            throw new IllegalArgumentException("beforeTick must be 1 or more, not " + beforeTick);
        }
    }

    /** The newest {@code limit} ticks, no filter. */
    public static TickQuery newest(int limit) {
        return new TickQuery(null, null, null, null, null, null, null, limit);
    }

    /** The same filters, for ticks numbered below {@code tick}. */
    public TickQuery before(long tick) {
        return new TickQuery(tick, since, until, mode, step, outcome, cause, limit);
    }

    /** The same filters, for ticks started before {@code time}. */
    public TickQuery until(Instant time) {
        return new TickQuery(beforeTick, since, time, mode, step, outcome, cause, limit);
    }
}
