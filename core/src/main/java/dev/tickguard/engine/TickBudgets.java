package dev.tickguard.engine;

import dev.tickguard.spi.Priority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The wall time each priority has left in one tick. A sequential step consumes its duration;
 * the parallel steps of a priority share the window that remains and consume the longest of their
 * durations. Not thread-safe: one tick's orchestrator owns it.
 */
final class TickBudgets {
    private final Map<Priority, Long> budgetNanos = new EnumMap<>(Priority.class);
    private final Map<Priority, Long> usedNanos = new EnumMap<>(Priority.class);

    TickBudgets(Map<Priority, Duration> budgets) {
        for (Priority p : Priority.values()) {
            budgetNanos.put(p, budgets.get(p).toNanos());
            usedNanos.put(p, 0L);
        }
    }

    /** Nanoseconds left for a priority; negative once overrun. */
    long remaining(Priority p) {
        return budgetNanos.get(p) - usedNanos.get(p);
    }

    void consume(Priority p, long nanos) {
        usedNanos.merge(p, nanos, Long::sum);
    }

    long used(Priority p) {
        return usedNanos.get(p);
    }

    long budget(Priority p) {
        return budgetNanos.get(p);
    }
}
