package dev.tickguard.events;

import dev.tickguard.spi.Priority;
import java.util.List;

/**
 * The counts of the summary line: steps of each priority that succeeded, steps whose result came
 * from a fallback, and steps that did not run.
 */
public record TickCounts(int critical, int important, int optional, int fallbacks, int skipped) {

    /** Counts the given step records. */
    public static TickCounts of(List<StepRecord> steps) {
        int c = 0, i = 0, o = 0, f = 0, s = 0;
        for (StepRecord r : steps) {
            switch (r.outcome()) {
                case SUCCESS -> {
                    if (r.priority() == Priority.CRITICAL) {
                        c++;
                    } else if (r.priority() == Priority.IMPORTANT) {
                        i++;
                    } else {
                        o++;
                    }
                }
                case FALLBACK -> f++;
                case SKIPPED -> s++;
                case FAILED -> { }
            }
        }
        return new TickCounts(c, i, o, f, s);
    }

    /** An all-zero count, for skipped ticks. */
    public static TickCounts none() {
        return new TickCounts(0, 0, 0, 0, 0);
    }
}
