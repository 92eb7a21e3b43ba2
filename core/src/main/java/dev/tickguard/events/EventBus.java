package dev.tickguard.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers {@link TickEvent}s to listeners without ever making the publisher wait, or even wake a
 * thread: publishing is an enqueue.
 *
 * <p>Each listener has its own bounded queue and its own daemon thread, so a slow listener (a
 * busy UI, a stalled disk) delays only itself. When a listener's queue is full its events are
 * dropped and counted rather than blocking the engine; a listener that throws is logged and
 * counted, and keeps receiving events. Thread-safe.
 *
 * <p>Every published event gets a sequence number ({@link Sequenced#seq()}): 1 for the first, one
 * more for each next. Numbering and enqueueing happen together, so every listener sees the events in
 * the order of their numbers; a listener that needs the numbers subscribes with
 * {@link #subscribeSequenced}. A listener misses numbers only when its queue was full
 * ({@link Subscription#dropped()}).
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventBus.class.getName());
    /** Events a listener may lag behind before its events are dropped. */
    public static final int DEFAULT_CAPACITY = 16_384;
    /**
     * Listeners poll their queues instead of being woken by publishers: every 2 ms while events flow,
     * backing off to every 50 ms when idle. A tick's burst of events is then delivered in a few
     * batches, and an event is never more than 50 ms late (less than a tenth of a second on screen).
     */
    static final long MIN_PARK_NANOS = 2_000_000;
    static final long MAX_PARK_NANOS = 50_000_000;

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Guards numbering + enqueueing so that queue order is number order; held for a few offers only. */
    private final Object publishLock = new Object();
    private long lastSeq; // guarded by publishLock
    private volatile boolean closed;

    /**
     * Adds a listener with the default queue capacity.
     *
     * @param name a short name for the listener's thread and for error messages
     * @param listener receives every event published from now on, in publication order
     */
    public Subscription subscribe(String name, Consumer<? super TickEvent> listener) {
        return subscribe(name, listener, DEFAULT_CAPACITY);
    }

    /** Adds a listener whose queue holds at most {@code capacity} undelivered events. */
    public Subscription subscribe(String name, Consumer<? super TickEvent> listener, int capacity) {
        Objects.requireNonNull(listener, "listener");
        return subscribeSequenced(name, s -> listener.accept(s.event()), capacity);
    }

    /**
     * Adds a listener that receives each event with its sequence number, in number order.
     *
     * @param capacity the most undelivered events its queue holds
     */
    public Subscription subscribeSequenced(String name, Consumer<? super Sequenced<TickEvent>> listener, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, not " + capacity);
        }
        Subscription s = new Subscription(name, listener, capacity);
        subscriptions.add(s);
        s.thread.start();
        return s;
    }

    /**
     * Numbers an event and hands it to every listener; never waits for a listener, never throws.
     *
     * @return the event's sequence number, or 0 if the bus is closed
     */
    public long publish(TickEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            return 0;
        }
        synchronized (publishLock) {
            Sequenced<TickEvent> s = new Sequenced<>(++lastSeq, event);
            for (Subscription sub : subscriptions) {
                if (!sub.queue.offer(s)) {
                    dropped.incrementAndGet();
                    sub.dropped.incrementAndGet();
                }
            }
            return s.seq();
        }
    }

    /** The sequence number of the last published event (0 before the first). */
    public long lastSeq() {
        synchronized (publishLock) {
            return lastSeq;
        }
    }

    /** How many times a listener threw. */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /** How many events were dropped because a listener's queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Waits until every listener has handled every event published so far, or the timeout passes.
     *
     * @return true if all queues drained in time
     */
    public boolean drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Subscription s : subscriptions) {
            while (!s.idle()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Delivers what is queued (waiting up to 5 s), then stops every listener thread. */
    @Override
    public void close() {
        drain(Duration.ofSeconds(5));
        closed = true;
        List<Subscription> all = new ArrayList<>(subscriptions);
        subscriptions.clear();
        for (Subscription s : all) {
            s.cancel();
        }
    }

    /** One listener's queue and thread. Cancel it to stop receiving events. */
    public final class Subscription implements AutoCloseable {
        private final String name;
        private final Consumer<? super Sequenced<TickEvent>> listener;
        private final BlockingQueue<Sequenced<TickEvent>> queue;
        private final Thread thread;
        private final AtomicLong dropped = new AtomicLong();
        private volatile boolean running = true;
        private volatile boolean busy;

        private Subscription(String name, Consumer<? super Sequenced<TickEvent>> listener, int capacity) {
            this.name = name;
            this.listener = listener;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this::loop, "tickguard-events-" + name);
            this.thread.setDaemon(true);
        }

        private void loop() {
            List<Sequenced<TickEvent>> batch = new ArrayList<>();
            long parkNanos = MIN_PARK_NANOS;
            while (running) {
                queue.drainTo(batch);
                if (batch.isEmpty()) {
                    // Nobody ever signals this thread: publishing stays a plain enqueue, and a burst of
                    // events costs the engine no wake-ups. Idle, it looks less and less often.
                    LockSupport.parkNanos(parkNanos);
                    parkNanos = Math.min(MAX_PARK_NANOS, parkNanos * 2);
                    continue;
                }
                busy = true;
                try {
                    for (Sequenced<TickEvent> e : batch) {
                        deliver(e);
                    }
                } finally {
                    batch.clear();
                    busy = false;
                }
                parkNanos = MIN_PARK_NANOS;
            }
        }

        private void deliver(Sequenced<TickEvent> e) {
            try {
                listener.accept(e);
            } catch (RuntimeException | LinkageError ex) {
                listenerFailures.incrementAndGet();
                LOG.log(Level.WARNING, "event listener '" + name + "' failed on " + e.event().getClass().getSimpleName()
                        + ": " + ex, ex);
            }
        }

        private boolean idle() {
            return queue.isEmpty() && !busy;
        }

        /** Events dropped for this listener because its queue was full. */
        public long dropped() {
            return dropped.get();
        }

        /** Stops delivery to this listener. */
        public void cancel() {
            subscriptions.remove(this);
            running = false;
            thread.interrupt();
        }

        @Override
        public void close() {
            cancel();
        }
    }
}
