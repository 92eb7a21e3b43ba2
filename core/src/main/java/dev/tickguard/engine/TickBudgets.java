package dev.tickguard.engine;

import dev.tickguard.spi.Priority;
import dev.tickguard.config.BudgetSettings;

/**
 * The wall time each priority has left in one tick. A sequential step consumes its duration;
 * the parallel steps of a priority share the window that remains and consume the longest of their
 * durations. Not thread-safe: one tick's orchestrator owns it (its continuations run one after another).
 */
final class TickBudgets {
    /** Priority.values(), once: each call of values() copies the array, and this runs per step. */
    static final Priority[] PRIORITIES = Priority.values();

    private final long[] budgetNanos = new long[PRIORITIES.length];
    private final long[] usedNanos = new long[PRIORITIES.length];

    TickBudgets(BudgetSettings budgets) {
        for (Priority p : PRIORITIES) {
            budgetNanos[p.ordinal()] = budgets.of(p).toNanos();
        }
    }

    /** Nanoseconds left for a priority; negative once overrun. */
    long remaining(Priority p) {
        return budgetNanos[p.ordinal()] - usedNanos[p.ordinal()];
    }

    void consume(Priority p, long nanos) {
        usedNanos[p.ordinal()] += nanos;
    }

    long used(Priority p) {
        return usedNanos[p.ordinal()];
    }

    long budget(Priority p) {
        return budgetNanos[p.ordinal()];
    }
}
