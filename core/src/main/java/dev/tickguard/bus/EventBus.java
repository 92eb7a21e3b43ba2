package dev.tickguard.bus;

import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers {@link TickEvent}s to listeners without ever making the publisher wait for one.
 *
 * <p>Each listener has its own bounded queue and its own daemon thread, so a slow listener (a
 * busy UI, a stalled disk) delays only itself. When a listener's queue is full its events are
 * dropped and counted rather than blocking the engine; a listener that throws (anything) is
 * logged and counted, and keeps receiving events. Every listener receives the events in the one
 * order they were published in. Thread-safe.
 *
 * <p>Wake-ups: a listener that has just handled events lingers, looking at its queue again after
 * 1, 2, 4 ... 32 ms (a tick's burst of events then costs a few wake-ups, not one per event); after
 * that it parks until a publisher finds it parked and unparks it. An idle Tickguard therefore
 * sleeps, and publishing stays an enqueue plus, at most once per burst, an unpark.
 *
 * <p>Every published event gets a sequence number ({@link Sequenced#seq()}): 1 for the first, one
 * more for each next. Numbering and enqueueing happen together, so every listener sees the events in
 * the order of their numbers; a listener that needs the numbers subscribes with
 * {@link #subscribeSequenced}. A listener misses numbers only when its queue was full
 * ({@link Subscription#dropped()}).
 *
 * <p>Threads: {@link #publish} is called by any thread (the tick's, step threads, the health
 * monitor, the plugin manager, the control API) and only enqueues; each subscription owns one
 * daemon thread {@code tickguard-events-<name>}, which runs its listener, parks while idle, and ends
 * when the subscription or the bus is closed ({@link #close} drains first).
 */
public final class EventBus implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventBus.class.getName());
    /** Events a listener may lag behind before its events are dropped. */
    public static final int DEFAULT_CAPACITY = 16_384;
    /** The first look after a batch; doubled until {@link #MAX_LINGER_NANOS}, then the listener parks. */
    static final long MIN_LINGER_NANOS = 1_000_000;
    static final long MAX_LINGER_NANOS = 32_000_000;
    /** After a listener's first failure, at most one log line per this interval. */
    static final long FAILURE_LOG_INTERVAL_NANOS = 60_000_000_000L;

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
     * Hands an event to every listener; never waits for a listener, never throws. Callers that
     * publish a state change do so while holding the lock that guards that state, so events of one
     * state arrive in the order the changes happened.
     *
     * @return the event's sequence number, or 0 if the bus is closed
     */
    public long publish(TickEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            return 0;
        }
        synchronized (publishLock) {
            Sequenced<TickEvent> numbered = new Sequenced<>(++lastSeq, event);
            for (Subscription s : subscriptions) {
                s.offer(numbered);
            }
            return numbered.seq();
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
     * Waits until every listener has handled every event published before this call (events
     * published meanwhile are not waited for), or the timeout passes.
     *
     * @return true if all of them were handled in time
     */
    public boolean drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Subscription> all = new ArrayList<>(subscriptions);
        long[] targets = new long[all.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = all.get(i).accepted;
        }
        for (int i = 0; i < targets.length; i++) {
            Subscription s = all.get(i);
            long parkNanos = 100_000;
            while (s.handled < targets[i] && s.running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                s.wake();
                LockSupport.parkNanos(Math.min(left, parkNanos));
                parkNanos = Math.min(parkNanos * 2, 10_000_000);
                if (Thread.currentThread().isInterrupted()) {
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

    /** A link of a listener's queue. */
    private static final class Node {
        Sequenced<TickEvent> event;
        volatile Node next;

        Node(Sequenced<TickEvent> event) {
            this.event = event;
        }
    }

    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(Subscription.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One listener's queue and thread. Cancel it to stop receiving events. */
    public final class Subscription implements AutoCloseable {
        private final String name;
        private final Consumer<? super Sequenced<TickEvent>> listener;
        private final int capacity;
        private final Thread thread;
        private final AtomicLong dropped = new AtomicLong();
        /** This listener's failures; only its own thread logs them. */
        private final AtomicLong failures = new AtomicLong();
        private long lastFailureLog; // its own thread only
        // The queue: a linked list with one producer at a time (publishers hold the publish lock) and
        // one consumer (this listener's thread). Kept in this object, so an offer touches little memory:
        // publishing runs after every step, when the caches are cold.
        /** The last node; publishers only, under the publish lock. */
        private Node tail;
        /** The node before the next event; this listener's thread only. */
        private Node head;
        /** Events queued for this listener so far (written under the publish lock). */
        private volatile long accepted;
        /** Events taken from the queue (written by its thread only): the queue holds accepted - taken. */
        private volatile long taken;
        /** Events this listener has finished handling (written by its thread only). */
        private volatile long handled;
        /** True while the thread is parked with nothing to do: the next publisher unparks it. */
        private volatile boolean parked;
        private volatile boolean running = true;

        private Subscription(String name, Consumer<? super Sequenced<TickEvent>> listener, int capacity) {
            this.name = name;
            this.listener = listener;
            this.capacity = capacity;
            this.thread = new Thread(this::loop, "tickguard-events-" + name);
            this.thread.setDaemon(true);
            this.head = new Node(null);
            this.tail = head;
        }

        /** Under the publish lock. */
        private void offer(Sequenced<TickEvent> e) {
            long n = accepted;
            if (n - taken >= capacity) {
                EventBus.this.dropped.incrementAndGet();
                dropped.incrementAndGet();
                return;
            }
            Node node = new Node(e);
            tail.next = node; // a volatile write: the listener sees the event once it sees the node
            tail = node;
            accepted = n + 1;
            wake();
        }

        /** The next queued event, or null; this listener's thread only. */
        private Sequenced<TickEvent> poll() {
            Node next = head.next;
            if (next == null) {
                return null;
            }
            Sequenced<TickEvent> e = next.event;
            next.event = null; // the node stays as the new head; let the event go
            head = next;
            return e;
        }

        private void wake() {
            if (parked && PARKED.compareAndSet(this, true, false)) {
                LockSupport.unpark(thread);
            }
        }

        private void loop() {
            long linger = MIN_LINGER_NANOS;
            while (running) {
                Sequenced<TickEvent> e = poll();
                if (e != null) {
                    taken++;
                    deliver(e);
                    handled++;
                    linger = MIN_LINGER_NANOS;
                    continue;
                }
                if (linger <= MAX_LINGER_NANOS) {
                    // Just busy: look again soon, without asking publishers to wake us.
                    LockSupport.parkNanos(this, linger);
                    linger *= 2;
                    continue;
                }
                // Idle: park until a publisher (or cancel, or drain) wakes us. Announce first, then look
                // once more, so an event offered in between is never missed.
                parked = true;
                if (head.next == null && running) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }

        private void deliver(Sequenced<TickEvent> e) {
            try {
                listener.accept(e);
            } catch (Throwable ex) {
                listenerFailures.incrementAndGet();
                long n = failures.incrementAndGet();
                // The first failure with its stack trace; after that one line a minute with the count, so a
                // listener that always throws cannot flood the log (every failure is still counted).
                long now = System.nanoTime();
                if (n == 1) {
                    lastFailureLog = now;
                    LOG.log(Level.WARNING, "event listener '" + name + "' failed on "
                            + e.event().getClass().getSimpleName() + ": " + ex, ex);
                } else if (now - lastFailureLog >= FAILURE_LOG_INTERVAL_NANOS) {
                    lastFailureLog = now;
                    LOG.warning("event listener '" + name + "' keeps failing: " + n + " failures so far, last: " + ex);
                }
            }
        }

        /** Events dropped for this listener because its queue was full. */
        public long dropped() {
            return dropped.get();
        }

        /**
         * Stops delivery to this listener. Its thread is not interrupted (a listener writing to an
         * interruptible channel, like the journal, would lose its file); it stops after the event in
         * hand.
         */
        public void cancel() {
            subscriptions.remove(this);
            running = false;
            LockSupport.unpark(thread);
        }

        @Override
        public void close() {
            cancel();
        }
    }
}
