package dev.tickguard.app.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;

/**
 * The one road from engine threads to the FX thread. Producers {@link #offer} into a bounded queue
 * and never wait: when the queue is full the item is dropped, counted, and a resync is flagged, so
 * the next pulse re-reads the engine's true state instead of showing a stale one. Once per pulse an
 * {@link AnimationTimer} drains everything queued and hands it to the sink as one batch: at most one
 * UI update per frame, whatever the event rate, and no {@code Platform.runLater} per event.
 *
 * <p>Idle costs nothing (issue 18 item 5: 4 % of a core and ~300 wake-ups/s with nothing happening):
 * the timer stops after an empty pulse, and the first item offered, a resync request or the
 * clock ({@link #every}) starts it again with one {@code Platform.runLater} (one per idle spell, never
 * one per event). The clock replaces a JavaFX {@code Timeline}, which as a running animation kept
 * JavaFX pulsing 60 times a second for a once-a-second countdown; it runs only when something shown
 * changes by itself (a countdown in seconds, a rate whose calls leave its window), at most once a minute
 * otherwise. The first {@link #start} also lets JavaFX's own pulse timer pause ({@link PulseTimerPause}).
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
    /**
     * Empty pulses in a row before the timer stops. One: on this software-rendered, 2-core target each
     * pulse costs ~30 thread switches, and a restart is one runLater; a storm's events keep it awake.
     */
    static final int IDLE_PULSES = 1;
    /** True while the timer runs or a start is queued on the FX thread. */
    private final AtomicBoolean awake = new AtomicBoolean();
    private final AtomicBoolean clockDue = new AtomicBoolean();
    private volatile boolean started;
    private Runnable onClock = () -> { };
    private Supplier<Duration> nextClock = () -> MAX_CLOCK;
    private ScheduledExecutorService clock;
    private ScheduledFuture<?> pendingClock;
    private long clockDueNanos;
    /** Runs of the clock planned so far (FX thread); the latest of them whose task has fired (clock thread). */
    private long clockPlans;
    private final AtomicLong clockFired = new AtomicLong();
    /** When the clock's work last ran (FX thread), if it has run. */
    private long lastClockNanos;
    private boolean clockHasRun;
    /** The timer had slept at least this long before its wake: an isolated wake, not a storm. */
    static final long LONG_SLEEP_NANOS = 1_000_000_000L;
    /** When the timer last went to sleep (FX thread). */
    private long sleptAtNanos;
    /** This wake came after a long sleep and its first pulse has not run yet (FX thread). */
    private boolean afterLongSleep;
    /** The clock never runs more often than this (a countdown due "now" is not a busy loop)... */
    static final Duration MIN_CLOCK = Duration.ofMillis(50);
    /** ...nor less often than this (slow figures such as the time-in-mode strip still move). */
    static final Duration MAX_CLOCK = Duration.ofSeconds(60);
    /** After events the clock runs at once, or a second after its last run if that was sooner: about once a second through a storm. */
    static final Duration AFTER_EVENTS = Duration.ofSeconds(1);

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
        wake();
    }

    /** Asks the next pulse to re-read the full state even if nothing was dropped. Any thread. */
    public void requestResync() {
        resync.set(true);
        wake();
    }

    /** Runs {@code onFx} on the FX thread about every {@code period}: {@link #every(Supplier, Runnable)} at a fixed pace. */
    public void every(Duration period, Runnable onFx) {
        every(() -> period, onFx);
    }

    /**
     * Runs {@code onFx} on the FX thread in a pulse (with that pulse's events already applied), then again
     * after the delay {@code next} gives, asked after each run and after each batch of events (a batch may
     * start a countdown that needs an earlier run). Between runs the clock's daemon thread sleeps: an idle
     * window whose shown figures change once a minute wakes once a minute, not every second (issue 18).
     * The delay is kept within {@link #MIN_CLOCK} and {@link #MAX_CLOCK}. Call before {@link #start}.
     */
    public void every(Supplier<Duration> next, Runnable onFx) {
        ScheduledThreadPoolExecutor c = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tickguard-ui-clock");
            t.setDaemon(true);
            return t;
        });
        c.setRemoveOnCancelPolicy(true); // a re-planned run leaves nothing behind in the queue
        every(next, onFx, c);
    }

    /** {@link #every(Supplier, Runnable)} on a given scheduler (its daemon thread); tests pass one they drive. */
    void every(Supplier<Duration> next, Runnable onFx, ScheduledExecutorService scheduler) {
        onClock = onFx;
        nextClock = next;
        clock = scheduler;
    }

    /**
     * Plans the clock's next run from {@code nextClock}, unless a run at least as early is planned.
     * FX thread (and {@link #start}).
     */
    private void planClock() {
        if (clock == null) {
            return;
        }
        schedule(Math.max(MIN_CLOCK.toMillis(), Math.min(MAX_CLOCK.toMillis(), nextClock.get().toMillis())));
    }

    /**
     * After a batch of events: the clock's work (what changes without events, re-read after them) runs in
     * this same frame if it last ran {@link #AFTER_EVENTS} ago or more, else that long after its last run.
     * An isolated event on an idle window thus costs one wake, not a second one a second later (issue 18);
     * a storm runs it about once a second, and its batches cost a comparison each (no call of
     * {@code nextClock} per batch). Not more often: each run reads a full snapshot of the engine, and
     * letting up to 4 batches a second run it (so that the few batches one happening sends, a health
     * check's or a tick's end, left no run a second later) saved the idle window 1.3 wake-ups a second but
     * cost more CPU (0.56-0.59 % of a core against 0.38-0.53 %, bench/run idle-window, quiet). FX thread.
     *
     * @return true if the clock is to run now
     */
    private boolean clockAfterEvents() {
        if (clock == null) {
            return false;
        }
        long since = System.nanoTime() - lastClockNanos;
        long after = TimeUnit.MILLISECONDS.toNanos(AFTER_EVENTS.toMillis());
        if (!clockHasRun || since >= after) {
            return true;
        }
        schedule(TimeUnit.NANOSECONDS.toMillis(after - since) + 1);
        return false;
    }

    /** Plans a run in {@code ms}, unless one at least as early is planned. */
    private void schedule(long ms) {
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        if (clockPlanned() && clockDueNanos - due <= TimeUnit.MILLISECONDS.toNanos(5)) {
            return;
        }
        if (pendingClock != null) {
            pendingClock.cancel(false);
        }
        clockDueNanos = due;
        long plan = ++clockPlans;
        pendingClock = clock.schedule(() -> {
            clockFired.accumulateAndGet(plan, Math::max); // before clockDue: a frame that sees the run due sees it fired
            clockDue.set(true);
            wake();
        }, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * True while the planned run has not fired yet. Not {@code !pendingClock.isDone()} alone: a run's task
     * is done only once its {@code wake()} returns, and a frame may already have run the clock for it and
     * be planning the next run; taken for still planned, that next run was never planned, and the clock
     * (countdowns, the status line) stopped until the next event (FxPumpTest's clock wait timed out under load).
     * FX thread.
     */
    private boolean clockPlanned() {
        return pendingClock != null && !pendingClock.isDone() && clockFired.get() < clockPlans;
    }

    /** Starts the timer if it sleeps: one hand-off to the FX thread per idle spell. Any thread. */
    private void wake() {
        if (started && awake.compareAndSet(false, true)) {
            javafx.application.Platform.runLater(() -> {
                if (started && timer != null) {
                    afterLongSleep = System.nanoTime() - sleptAtNanos >= LONG_SLEEP_NANOS;
                    timer.start();
                } else {
                    awake.set(false);
                }
            });
        }
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
        boolean due = clockDue.getAndSet(false);
        if (due || (n > 0 || full) && clockAfterEvents()) {
            if (!due && pendingClock != null) {
                pendingClock.cancel(false); // run now instead: planClock below plans the next
            }
            clockHasRun = true;
            lastClockNanos = System.nanoTime();
            onClock.run();
            planClock();
            n = Math.max(n, 1); // the clock's work counts as work: not an idle pulse
        }
        return n;
    }

    /** Adds a pulse listener. FX thread. */
    public void addPulseListener(PulseListener l) {
        pulseListeners.add(l);
    }

    /** Starts draining once per pulse while there is something to drain. FX thread. */
    public void start() {
        if (timer != null) {
            return;
        }
        // Sleeping between frames is worth little if JavaFX's own pulse timer fires 60 times a second
        // anyway (it does on Linux): let it pause too.
        PulseTimerPause.install();
        timer = new AnimationTimer() {
            private long last;
            private int empty;

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
                empty = n > 0 ? 0 : empty + 1;
                // A wake after a long sleep whose one batch left nothing behind: sleep now rather than
                // after one more, empty, pulse (an idle window's wake costs one pulse, not two). A storm's
                // wakes come soon after the last sleep, and keep the timer running until an empty pulse.
                boolean doneAlready = n > 0 && afterLongSleep && queue.isEmpty() && !resync.get() && !clockDue.get();
                afterLongSleep = false;
                if (empty >= IDLE_PULSES || doneAlready) {
                    // Nothing for a few frames: sleep until the next offer, resync or clock tick.
                    stop(); // this timer's stop (AnimationTimer.stop), not the pump's
                    sleptAtNanos = System.nanoTime();
                    last = 0;
                    empty = 0;
                    awake.set(false);
                    if (!queue.isEmpty() || resync.get() || clockDue.get()) {
                        wake(); // arrived between the drain and the stop
                    }
                }
            }
        };
        started = true;
        awake.set(true);
        timer.start();
        planClock();
    }

    /** True while the timer runs (or is about to): false means the window is idle. */
    public boolean awake() {
        return awake.get();
    }

    /** Stops draining, and the clock. FX thread. */
    public void stop() {
        started = false;
        if (timer != null) {
            timer.stop();
            timer = null;
        }
        if (clock != null) {
            clock.shutdownNow();
            clock = null;
        }
    }

    /** Milliseconds until the clock's planned run, or -1 if none is planned. For tests. */
    long plannedClockMillis() {
        return !clockPlanned() ? -1
                : TimeUnit.NANOSECONDS.toMillis(clockDueNanos - System.nanoTime());
    }

    /** Runs the clock's work as if its time had come (in this thread). For tests. */
    void runClockNow() {
        if (pendingClock != null) {
            pendingClock.cancel(false); // as if it had fired
        }
        clockDue.set(true);
        drainOnce();
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
