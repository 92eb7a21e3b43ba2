package dev.tickguard.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts step threads that ignored their deadline and were left behind. At most one abandoned run
 * per step is tolerated: while a step's earlier run is still hung, a new run of it is refused (a
 * failure its breaker counts), so a step that never returns costs one thread, not one per tick.
 * Thread-safe.
 */
public final class AbandonedThreads {
    private final Map<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicInteger now = new AtomicInteger();

    void abandoned(String stepId) {
        outstanding.computeIfAbsent(stepId, k -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
        now.incrementAndGet();
    }

    void returned(String stepId) {
        outstanding.get(stepId).decrementAndGet();
        now.decrementAndGet();
    }

    /** True while an abandoned run of the step has not returned. */
    public boolean isHung(String stepId) {
        AtomicInteger n = outstanding.get(stepId);
        return n != null && n.get() > 0;
    }

    /** Abandoned threads still running. */
    public int current() {
        return now.get();
    }

    /** Abandoned threads since start. */
    public long total() {
        return total.get();
    }
}
