package dev.tickguard.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One remembered event: what a step did in a tick, and how it turned out.
 *
 * @param time when it happened
 * @param tick the tick number
 * @param step the step id that recorded it
 * @param text what happened, in words
 * @param outcome how it ended, e.g. {@code "success"}, {@code "refused"}
 */
public record Episode(Instant time, long tick, String step, String text, String outcome) {
    public Episode {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(outcome, "outcome");
    }
}
