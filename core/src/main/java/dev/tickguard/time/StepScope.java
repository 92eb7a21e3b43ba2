package dev.tickguard.time;

import java.util.function.LongSupplier;

/**
 * What the current thread is running for the engine: the step's id and tick, and its deadline (a
 * {@link System#nanoTime()} reading, read live because a stop moves it). Set by the engine around a
 * step's run; read by the LLM client, which is called from the step but cannot be handed either
 * through the plugin SPI: it waits for a cooling-down endpoint only if that fits before the deadline,
 * and records which step each call served. Absent (outside a step) the deadline is unknown.
 */
public final class StepScope {
    private static final ThreadLocal<StepScope> CURRENT = new ThreadLocal<>();

    private final String stepId;
    private final long tick;
    private final LongSupplier deadlineNanos;

    private StepScope(String stepId, long tick, LongSupplier deadlineNanos) {
        this.stepId = stepId;
        this.tick = tick;
        this.deadlineNanos = deadlineNanos;
    }

    /** Marks this thread as running {@code stepId} until {@link #leave()}. */
    public static void enter(String stepId, long tick, LongSupplier deadlineNanos) {
        CURRENT.set(new StepScope(stepId, tick, deadlineNanos));
    }

    /** Ends the mark of {@link #enter}. */
    public static void leave() {
        CURRENT.remove();
    }

    /** The step running on this thread, or null. */
    public static String stepId() {
        StepScope s = CURRENT.get();
        return s == null ? null : s.stepId;
    }

    /** The tick of the step running on this thread, or -1. */
    public static long tick() {
        StepScope s = CURRENT.get();
        return s == null ? -1 : s.tick;
    }

    /** The deadline of the step running on this thread (System.nanoTime), or Long.MAX_VALUE if unknown. */
    public static long deadlineNanos() {
        StepScope s = CURRENT.get();
        return s == null ? Long.MAX_VALUE : s.deadlineNanos.getAsLong();
    }
}
