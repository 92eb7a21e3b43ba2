package dev.tickguard.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * The step faults chaos can switch on at run time: fail, hang (ignoring interrupts) and slow.
 * The engine calls {@link #beforeRun(String)} on the step's own thread, inside its timeout and
 * breaker, so a fault looks to the engine exactly like a misbehaving step. Thread-safe.
 */
public final class StepFaults {
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    /** Each hung step waits on its own latch: switching one hang off releases that step only. */
    private final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();
    private final Map<String, Duration> slow = new ConcurrentHashMap<>();

    /** Thrown by a step that chaos makes fail. */
    public static final class ChaosFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChaosFailure(String stepId) {
            super("chaos: step '" + stepId + "' made to fail");
        }
    }

    public void fail(String stepId, boolean on) {
        toggle(failing, stepId, on);
    }

    public void hang(String stepId, boolean on) {
        if (on) {
            hanging.putIfAbsent(stepId, new CountDownLatch(1));
        } else {
            CountDownLatch l = hanging.remove(stepId);
            if (l != null) {
                l.countDown();
            }
        }
    }

    /** Makes a step sleep this long before running; {@code null} or zero switches it off. */
    public void slow(String stepId, Duration delay) {
        if (delay == null || delay.isZero()) {
            slow.remove(stepId);
        } else {
            slow.put(stepId, delay);
        }
    }

    public boolean isFailing(String stepId) {
        return failing.contains(stepId);
    }

    public boolean isHanging(String stepId) {
        return hanging.containsKey(stepId);
    }

    public Duration slowness(String stepId) {
        return slow.getOrDefault(stepId, Duration.ZERO);
    }

    /** True if any step fault is on. */
    public boolean any() {
        return !failing.isEmpty() || !hanging.isEmpty() || !slow.isEmpty();
    }

    /** Switches every step fault off and lets hung steps return. */
    public void clear() {
        failing.clear();
        slow.clear();
        releaseHangs();
    }

    /** Lets every currently hung step return (used when chaos is cleared and when Tickguard exits). */
    public void releaseHangs() {
        for (String id : List.copyOf(hanging.keySet())) {
            hang(id, false);
        }
    }

    /**
     * Applies the faults switched on for {@code stepId}: sleeps if slow (interruptibly), hangs if
     * hanging (ignoring interrupts, until released), throws if failing.
     *
     * @throws InterruptedException if interrupted while slow
     */
    public void beforeRun(String stepId) throws InterruptedException {
        Duration d = slow.get(stepId);
        if (d != null) {
            Thread.sleep(d.toMillis());
        }
        CountDownLatch latch = hanging.get(stepId);
        if (latch != null) {
            // Deliberately deaf to interrupts: this is the "step that never returns" case.
            while (latch.getCount() > 0) {
                LockSupport.parkNanos(latch, 50_000_000L);
                Thread.interrupted();
            }
        }
        if (failing.contains(stepId)) {
            throw new ChaosFailure(stepId);
        }
    }

    private static void toggle(Set<String> set, String id, boolean on) {
        if (on) {
            set.add(id);
        } else {
            set.remove(id);
        }
    }
}
