package dev.tickguard.control.internal;

import dev.tickguard.control.ControlListener;
import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.ControlSubscription;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One subscriber's queue and thread. The model offers events in sequence order; the thread hands
 * them to the listener. It sleeps in {@code take()} while there is nothing to deliver (no polling).
 * On overflow it discards what is queued and tells the listener once, rather than skip events.
 *
 * <p>Threads: the model offers on the bus's {@code tickguard-events-control} thread; the subscriber's
 * listener runs on this delivery's own daemon thread {@code tickguard-control-N}, which blocks in
 * {@code take()} while idle and ends when the subscription is closed.
 */
final class Delivery implements ControlSubscription {
    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Object CLOSE = new Object();
    private static final Object OVERFLOW = new Object();

    private final ControlSnapshot snapshot;
    private final ControlListener listener;
    private final Runnable onClose;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread thread;
    private volatile boolean open = true;
    private volatile long lastDelivered;

    Delivery(ControlSnapshot snapshot, ControlListener listener, Runnable onClose) {
        this.snapshot = snapshot;
        this.listener = listener;
        this.onClose = onClose;
        this.lastDelivered = snapshot.seq();
        this.thread = new Thread(this::loop, "tickguard-control-" + COUNT.incrementAndGet());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Called by the model, in sequence order. */
    void offer(Sequenced<TickEvent> e) {
        if (!open) {
            return;
        }
        if (queued.incrementAndGet() > CAPACITY) {
            open = false;
            queue.clear();
            queue.add(OVERFLOW);
            onClose.run();
            return;
        }
        queue.add(e);
    }

    @SuppressWarnings("unchecked")
    private void loop() {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == CLOSE) {
                return;
            }
            if (item == OVERFLOW) {
                LOG.warning("control subscriber fell " + CAPACITY + " events behind; its subscription ended");
                call(() -> listener.onOverflow(lastDelivered));
                return;
            }
            queued.decrementAndGet();
            Sequenced<TickEvent> e = (Sequenced<TickEvent>) item;
            if (open) {
                call(() -> listener.onEvent(e));
                lastDelivered = e.seq();
            }
        }
    }

    private void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | LinkageError ex) {
            LOG.log(Level.WARNING, "control listener failed: " + ex, ex);
        }
    }

    @Override
    public ControlSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public long lastDelivered() {
        return lastDelivered;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            onClose.run();
            queue.clear();
            queue.add(CLOSE);
            if (Thread.currentThread() != thread) {
                // A listener stuck in a wait (a full UI queue, a lock) would otherwise hold this thread
                // for the life of the process; nothing more is delivered to it anyway.
                thread.interrupt();
            }
        }
    }
}
