package dev.tickguard.persist;

import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.spi.Priority;
import java.util.List;

/**
 * The numbers the {@code runs} table stores for a step run's outcome, priority, cause and fallback
 * (one byte instead of the word, twelve times a tick), the same as the {@code codes} table that names
 * them for {@code sqlite3} users (schema version 2). A number once given never changes meaning: a new
 * enum value gets the next number here and in a migration that adds its {@code codes} row
 * ({@code CodesTest} fails until both agree).
 */
final class Codes {
    static final List<StepOutcome> OUTCOMES = List.of(StepOutcome.SUCCESS, StepOutcome.FALLBACK, StepOutcome.SKIPPED,
            StepOutcome.FAILED);
    static final List<Priority> PRIORITIES = List.of(Priority.CRITICAL, Priority.IMPORTANT, Priority.OPTIONAL);
    static final List<StepCause> CAUSES = List.of(StepCause.ERROR, StepCause.TIMEOUT, StepCause.BREAKER_OPEN,
            StepCause.BUDGET, StepCause.FORCED, StepCause.TICK_LIMIT, StepCause.ABORTED, StepCause.HUNG,
            StepCause.DEPENDENCY_OPEN, StepCause.DEPENDENCY_FAILED);
    static final List<FallbackSource> FALLBACKS = List.of(FallbackSource.CUSTOM, FallbackSource.CACHE,
            FallbackSource.DEFAULT);

    private Codes() {
    }

    /** The number of {@code value} in {@code codes}; null for null. */
    static <E> Integer code(List<E> codes, E value) {
        if (value == null) {
            return null;
        }
        int i = codes.indexOf(value);
        if (i < 0) {
            throw new IllegalStateException(value + " has no code in the database's codes table: add it (Codes and a migration)");
        }
        return i;
    }

    /** The value numbered {@code code}; null for SQL NULL ({@code wasNull}). */
    static <E> E value(List<E> codes, int code, boolean wasNull) {
        if (wasNull) {
            return null;
        }
        if (code < 0 || code >= codes.size()) {
            throw new IllegalStateException("code " + code + " is not one of " + codes);
        }
        return codes.get(code);
    }
}
