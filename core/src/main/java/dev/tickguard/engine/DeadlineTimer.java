package dev.tickguard.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's one timer thread: it watches the deadlines of the running steps and, when one
 * passes, only signals (interrupts the step, later hands its continuation to a step thread). It
 * never runs a fallback, publishes an event or starts a step.
 *
 * <p>Built for the tick's path, which arms a deadline per step: {@link #watch} is a queue offer
 * plus a volatile read, with no lock, and there is no call to disarm. A watched thing that has
 * ended reports {@link Long#MAX_VALUE} as its deadline, and the timer drops it when it next looks.
 * The timer is not woken for that: it wakes at the time it planned, finds nothing due and plans
 * again. A new deadline wakes it only if it is earlier than the planned wake-up, so a tick of steps
 * with similar timeouts costs one wake-up per timeout period, not one per step, and an idle engine
 * sleeps until the next step starts. Thread-safe.
 */
final class DeadlineTimer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeadlineTimer.class.getName());
    /** Every this many arrivals the timer is woken to drop ended entries, so a fast loop of short steps stays small. */
    static final int PRUNE_EVERY = 1024;

    /** Something with a deadline, e.g. a running step. */
    interface Watched {
        /** The deadline on the {@link System#nanoTime()} scale; {@link Long#MAX_VALUE} once it has ended. */
        long deadlineNanos();

        /**
         * Called on the timer thread once the deadline has passed.
         *
         * @return the next deadline to watch, or {@link Long#MAX_VALUE} to stop watching
         */
        long expire(long nowNanos);
    }

    private final String name;
    private final Queue<Watched> arriving = new ConcurrentLinkedQueue<>();
    /** The timer thread's own list. */
    private final List<Watched> watched = new ArrayList<>();
    private volatile long plannedWake = Long.MAX_VALUE;
    private volatile Thread thread;
    private volatile boolean closed;
    /** Counts arrivals for pruning; racy on purpose (a lost count only delays a prune). */
    private int arrivals;

    DeadlineTimer(String name) {
        this.name = name;
    }

    /** Watches {@code w} until its deadline is {@link Long#MAX_VALUE}; call again if its deadline moved earlier. */
    void watch(Watched w) {
        if (closed) {
            return;
        }
        arriving.offer(w);
        Thread t = thread;
        if (t == null) {
            t = start();
        }
        // Offer first, then read the plan: the timer writes its plan, then looks for arrivals (see loop).
        if (w.deadlineNanos() < plannedWake || ++arrivals % PRUNE_EVERY == 0) {
            LockSupport.unpark(t);
        }
    }

    private synchronized Thread start() {
        if (thread == null) {
            Thread t = new Thread(this::loop, name);
            t.setDaemon(true);
            t.start();
            thread = t;
        }
        return thread;
    }

    private void loop() {
        while (!closed) {
            // Nothing should interrupt this thread; if something does, parking would return at once forever.
            Thread.interrupted();
            for (Watched w; (w = arriving.poll()) != null; ) {
                watched.add(w);
            }
            long now = System.nanoTime();
            long next = Long.MAX_VALUE;
            int kept = 0;
            for (int i = 0; i < watched.size(); i++) {
                Watched w = watched.get(i);
                long d = w.deadlineNanos();
                if (d != Long.MAX_VALUE && d - now <= 0) {
                    try {
                        d = w.expire(now);
                    } catch (RuntimeException | Error e) {
                        LOG.log(Level.SEVERE, "deadline handling failed", e);
                        d = Long.MAX_VALUE;
                    }
                }
                if (d != Long.MAX_VALUE) {
                    watched.set(kept++, w);
                    next = Math.min(next, d);
                }
            }
            watched.subList(kept, watched.size()).clear();
            plannedWake = next;
            if (!arriving.isEmpty() || closed) {
                continue; // arrived while we planned: it may be earlier than the plan
            }
            if (next == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, next - System.nanoTime());
            }
        }
    }

    /** About how many things the timer holds, ended ones it has not dropped yet included (for tests). */
    int size() {
        return arriving.size() + watched.size();
    }

    /** Stops the timer; deadlines not yet passed are not signalled any more. */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
