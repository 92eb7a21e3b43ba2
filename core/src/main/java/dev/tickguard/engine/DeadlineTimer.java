package dev.tickguard.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's one timer thread: it watches the deadlines of the running steps and, when one
 * passes, only signals (interrupts the step, later hands its continuation to a step thread). It
 * never runs a fallback, publishes an event or starts a step.
 *
 * <p>Cancellation is lazy: a step that ends is taken off the list, but the timer is not woken
 * for that; it wakes at the time it planned, finds nothing due and plans again. A new deadline
 * wakes it only if it is earlier than the planned wake-up, so a tick of steps with similar
 * timeouts costs one wake-up per timeout period, not one per step, and an idle engine sleeps
 * until the next step starts. Thread-safe.
 */
final class DeadlineTimer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeadlineTimer.class.getName());

    /** Something with a deadline, e.g. a running step. */
    interface Watched {
        /** The deadline on the {@link System#nanoTime()} scale. */
        long deadlineNanos();

        /**
         * Called on the timer thread once the deadline has passed.
         *
         * @return the next deadline to watch, or {@link Long#MAX_VALUE} to stop watching
         */
        long expire(long nowNanos);
    }

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private final List<Watched> watched = new ArrayList<>();
    private long plannedWake = Long.MAX_VALUE;
    private Thread thread;
    private boolean closed;

    DeadlineTimer(String name) {
        this.name = name;
    }

    /** Watches {@code w} until it ends; also re-reads its deadline if it moved earlier. */
    void watch(Watched w) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (!watched.contains(w)) {
                watched.add(w);
            }
            if (thread == null) {
                thread = new Thread(this::loop, name);
                thread.setDaemon(true);
                thread.start();
            }
            if (w.deadlineNanos() < plannedWake) {
                plannedWake = w.deadlineNanos();
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops watching {@code w}; the timer is not woken for it. */
    void unwatch(Watched w) {
        lock.lock();
        try {
            watched.remove(w);
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        lock.lock();
        try {
            while (!closed) {
                long now = System.nanoTime();
                long next = Long.MAX_VALUE;
                for (int i = 0; i < watched.size(); ) {
                    Watched w = watched.get(i);
                    long d = w.deadlineNanos();
                    if (d - now <= 0) {
                        try {
                            d = w.expire(now);
                        } catch (RuntimeException | Error e) {
                            LOG.log(Level.SEVERE, "deadline handling failed", e);
                            d = Long.MAX_VALUE;
                        }
                    }
                    if (d == Long.MAX_VALUE) {
                        watched.remove(i);
                    } else {
                        next = Math.min(next, d);
                        i++;
                    }
                }
                plannedWake = next;
                if (next == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(next - System.nanoTime());
                }
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            lock.unlock();
        }
    }

    /** Stops the timer; deadlines not yet passed are not signalled any more. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            closed = true;
            changed.signal();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
