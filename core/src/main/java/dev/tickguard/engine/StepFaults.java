package dev.tickguard.engine;

import dev.tickguard.chaos.Chaos.Trigger;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The step faults chaos can switch on at run time: fail, hang (ignoring interrupts) and slow, each on
 * every call, with a probability, or on every n-th call. The engine calls {@link #beforeRun(String)}
 * on the step's own thread, inside its timeout and breaker, so a fault looks to the engine exactly
 * like a misbehaving step. A fault applies from the step's next run; switching a hang off releases
 * the threads it holds. Thread-safe.
 */
public final class StepFaults {
    private final Map<String, Rule> failing = new ConcurrentHashMap<>();
    private final Map<String, HangRule> hanging = new ConcurrentHashMap<>();
    private final Map<String, SlowRule> slow = new ConcurrentHashMap<>();

    /** Thrown by a step that chaos makes fail. */
    public static final class ChaosFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChaosFailure(String stepId) {
            super("chaos: step '" + stepId + "' made to fail");
        }
    }

    /** A trigger with its own call counter (counted from when the rule was set). */
    private static class Rule {
        final Trigger trigger;
        final AtomicLong calls = new AtomicLong();

        Rule(Trigger trigger) {
            this.trigger = trigger;
        }

        boolean fires() {
            return trigger.fires(calls.incrementAndGet(), ThreadLocalRandom.current().nextDouble());
        }
    }

    private static final class SlowRule extends Rule {
        final Duration delay;

        SlowRule(Trigger trigger, Duration delay) {
            super(trigger);
            this.delay = delay;
        }
    }

    /** A hang rule; counting down its latch releases every thread it holds. */
    private static final class HangRule extends Rule {
        final CountDownLatch released = new CountDownLatch(1);

        HangRule(Trigger trigger) {
            super(trigger);
        }
    }

    /** Makes the step fail on every run ({@code on}) or no more. */
    public void fail(String stepId, boolean on) {
        fail(stepId, on ? Trigger.ALWAYS : null);
    }

    /** Makes the step fail when {@code trigger} fires; {@code null} switches it off. */
    public void fail(String stepId, Trigger trigger) {
        if (trigger == null) {
            failing.remove(stepId);
        } else {
            failing.put(stepId, new Rule(trigger));
        }
    }

    /** Makes the step hang on every run ({@code on}) or no more (releasing its hung threads). */
    public void hang(String stepId, boolean on) {
        hang(stepId, on ? Trigger.ALWAYS : null);
    }

    /**
     * Makes the step hang when {@code trigger} fires; {@code null} switches it off. Switching off or
     * replacing a hang releases the threads the old one holds.
     */
    public void hang(String stepId, Trigger trigger) {
        HangRule old = trigger == null ? hanging.remove(stepId) : hanging.put(stepId, new HangRule(trigger));
        if (old != null) {
            old.released.countDown();
        }
    }

    /** Makes a step sleep this long before running; {@code null} or zero switches it off. */
    public void slow(String stepId, Duration delay) {
        slow(stepId, delay, Trigger.ALWAYS);
    }

    /** Makes a step sleep {@code delay} before running when {@code trigger} fires; a null or zero delay switches it off. */
    public void slow(String stepId, Duration delay, Trigger trigger) {
        if (delay == null || delay.isZero() || trigger == null) {
            slow.remove(stepId);
        } else {
            slow.put(stepId, new SlowRule(trigger, delay));
        }
    }

    public boolean isFailing(String stepId) {
        return failing.containsKey(stepId);
    }

    public boolean isHanging(String stepId) {
        return hanging.containsKey(stepId);
    }

    public Duration slowness(String stepId) {
        SlowRule r = slow.get(stepId);
        return r == null ? Duration.ZERO : r.delay;
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

    /** Switches every hang off and lets every currently hung step return (also used when Tickguard exits). */
    public void releaseHangs() {
        for (String id : hanging.keySet()) {
            hang(id, (Trigger) null);
        }
    }

    /**
     * Applies the faults switched on for {@code stepId}: sleeps if slow (interruptibly), hangs if
     * hanging (ignoring interrupts, until the hang is switched off), throws if failing.
     *
     * @throws InterruptedException if interrupted while slow
     */
    public void beforeRun(String stepId) throws InterruptedException {
        SlowRule s = slow.get(stepId);
        if (s != null && s.fires()) {
            Thread.sleep(s.delay.toMillis());
        }
        HangRule h = hanging.get(stepId);
        if (h != null && h.fires()) {
            // Deliberately deaf to interrupts: this is the "step that never returns" case.
            boolean interrupted = false;
            while (h.released.getCount() > 0) {
                try {
                    h.released.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Rule f = failing.get(stepId);
        if (f != null && f.fires()) {
            throw new ChaosFailure(stepId);
        }
    }
}
