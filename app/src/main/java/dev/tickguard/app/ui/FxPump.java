package dev.tickguard.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javafx.animation.AnimationTimer;

/**
 * The one road from engine threads to the FX thread. Producers {@link #offer} into a bounded queue
 * and never wait: when the queue is full the item is dropped, counted, and a resync is flagged, so
 * the next pulse re-reads the engine's true state instead of showing a stale one. Once per pulse an
 * {@link AnimationTimer} drains everything queued and hands it to the sink as one batch: at most one
 * UI update per frame, whatever the event rate, and no {@code Platform.runLater} per event.
 *
 * <p>{@link #offer} is thread-safe; {@link #drainOnce} runs on the FX thread (tests call it directly).
 *
 * @param <T> what flows through (events)
 */
public final class FxPump<T> {
    /** Events the UI may lag behind before it drops and resyncs (16 s at 2,000 events/s). */
    public static final int DEFAULT_CAPACITY = 32_768;

    private final BlockingQueue<T> queue;
    private final BiConsumer<List<T>, Boolean> sink;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean resync = new AtomicBoolean();
    private final List<T> batch = new ArrayList<>();
    private final List<PulseListener> pulseListeners = new ArrayList<>();
    private AnimationTimer timer;

    /** Told after each pulse how long the pump's work took; the bench and the status bar use it. */
    @FunctionalInterface
    public interface PulseListener {
        void pulse(long pulseNanos, long workNanos, int items);
    }

    /**
     * @param capacity the most items waiting for the FX thread
     * @param sink applies one batch on the FX thread; its flag is true when items were dropped since
     *             the last batch and the sink must re-read the full state
     */
    public FxPump(int capacity, BiConsumer<List<T>, Boolean> sink) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, not " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
    }

    /** Queues an item for the next pulse; never blocks, never throws. Any thread. */
    public void offer(T item) {
        offered.incrementAndGet();
        if (!queue.offer(item)) {
            dropped.incrementAndGet();
            resync.set(true);
        }
    }

    /** Asks the next pulse to re-read the full state even if nothing was dropped. Any thread. */
    public void requestResync() {
        resync.set(true);
    }

    /** Moves everything queued to the sink in one batch. FX thread. @return how many items moved */
    public int drainOnce() {
        queue.drainTo(batch);
        boolean full = resync.getAndSet(false);
        int n = batch.size();
        if (n > 0 || full) {
            try {
                sink.accept(List.copyOf(batch), full);
            } finally {
                batch.clear();
            }
        }
        return n;
    }

    /** Adds a pulse listener. FX thread. */
    public void addPulseListener(PulseListener l) {
        pulseListeners.add(l);
    }

    /** Starts draining once per pulse. FX thread. */
    public void start() {
        if (timer != null) {
            return;
        }
        timer = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                long t0 = System.nanoTime();
                int n = drainOnce();
                long work = System.nanoTime() - t0;
                long pulse = last == 0 ? 0 : now - last;
                last = now;
                for (PulseListener l : pulseListeners) {
                    l.pulse(pulse, work, n);
                }
            }
        };
        timer.start();
    }

    /** Stops draining. FX thread. */
    public void stop() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }

    /** Items offered so far. */
    public long offered() {
        return offered.get();
    }

    /** Items dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Items waiting for the next pulse. */
    public int backlog() {
        return queue.size();
    }
}
