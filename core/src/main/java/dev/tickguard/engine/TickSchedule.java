package dev.tickguard.engine;

import dev.tickguard.events.EngineState;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.health.HealthMonitor;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When ticks start: the engine's state (new, running, paused, stopped), the interval, run-now
 * requests and "stop after N ticks", and the one thread that starts ticks ({@code tickguard-engine}).
 * Thread-safe: its methods are called from any thread (the window, stdin, the control API); the
 * tick itself runs on the {@code tickguard-engine} thread, which this class owns. That thread waits
 * only on this class's condition and on the tick it runs, and ends when {@link #stop()} is called
 * (or the N ticks asked for are done).
 */
final class TickSchedule {
    private static final Logger LOG = Logger.getLogger(TickEngine.class.getName());
    /** How long tick 1 waits for the first health check run. */
    private static final Duration FIRST_CHECK_WAIT = Duration.ofSeconds(2);
    /**
     * The least time between a skipped tick (EMERGENCY) and the next, whatever the interval: with
     * {@code --interval 0} on a full disk, skipped ticks otherwise came back to back (372,000 in 20 s).
     */
    static final long SKIPPED_PAUSE_NANOS = 1_000_000_000L;

    private final java.util.function.BooleanSupplier tick;
    private final HealthMonitor health;
    private final EventBus bus;
    private final TimeSource time;
    private final AtomicLong internalErrors;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    // Guarded by lock.
    private TickEngine.State state = TickEngine.State.NEW;
    private Duration interval;
    // A request, not a count: "run" typed ten times during a long tick means one more tick, not ten.
    private boolean runNowRequested;
    private long nextDueNanos;
    private long lastStartNanos;
    private long ticksLeft = -1;
    private final CompletableFuture<Void> ticksDone = new CompletableFuture<>();
    private Thread loop;

    /**
     * @param tick runs one tick on the loop thread; true if the tick was skipped
     * @param internalErrors counts a tick that failed inside the engine
     */
    TickSchedule(Duration interval, java.util.function.BooleanSupplier tick, HealthMonitor health, EventBus bus,
                 TimeSource time, AtomicLong internalErrors) {
        this.interval = interval;
        this.tick = tick;
        this.health = health;
        this.bus = bus;
        this.time = time;
        this.internalErrors = internalErrors;
    }

    /** Starts the loop thread; the first tick starts at once. False if it was started before. */
    boolean start() {
        lock.lock();
        try {
            if (state != TickEngine.State.NEW) {
                return false;
            }
            changeState(TickEngine.State.RUNNING);
            nextDueNanos = System.nanoTime();
            loop = new Thread(this::loop, "tickguard-engine");
            loop.setDaemon(true);
            loop.start();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Pauses or resumes a started, not stopped, schedule. */
    void setRunning(boolean running) {
        lock.lock();
        try {
            if (state == TickEngine.State.RUNNING || state == TickEngine.State.PAUSED) {
                changeState(running ? TickEngine.State.RUNNING : TickEngine.State.PAUSED);
                wake.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void runNow() {
        lock.lock();
        try {
            runNowRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void setInterval(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("interval must be >= 0, not " + d);
        }
        lock.lock();
        try {
            if (!d.equals(interval)) {
                interval = d;
                bus.publish(new TickEvent.EngineStateChanged(time.now(), publicState(state), publicState(state), d));
            }
            if (lastStartNanos != 0) {
                nextDueNanos = lastStartNanos + d.toNanos();
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    Duration interval() {
        lock.lock();
        try {
            return interval;
        } finally {
            lock.unlock();
        }
    }

    CompletableFuture<Void> stopAfter(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("tick count must be >= 1, not " + n);
        }
        lock.lock();
        try {
            ticksLeft = n;
            return ticksDone;
        } finally {
            lock.unlock();
        }
    }

    TickEngine.State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves to STOPPED and wakes the loop.
     *
     * @return the loop thread to wait for, or null if there is none (never started, or already stopped)
     */
    Thread stop() {
        lock.lock();
        try {
            changeState(TickEngine.State.STOPPED);
            wake.signalAll();
            Thread t = loop;
            loop = null;
            ticksDone.complete(null);
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** True once stopped with no loop left to wait for. */
    boolean stoppedForGood() {
        lock.lock();
        try {
            return state == TickEngine.State.STOPPED && loop == null;
        } finally {
            lock.unlock();
        }
    }

    /** Sets the state and publishes the change while holding the lock, so events follow the changes' order. */
    private void changeState(TickEngine.State to) {
        TickEngine.State from = state;
        state = to;
        if (from != to) {
            bus.publish(new TickEvent.EngineStateChanged(time.now(), publicState(from), publicState(to), interval));
        }
    }

    private static EngineState publicState(TickEngine.State s) {
        return EngineState.valueOf(s.name());
    }

    private void loop() {
        try {
            // Tick 1 runs in the mode the first checks found (e.g. DEGRADED with Ollama down), not the initial NORMAL.
            if (!health.awaitFirstCheck(FIRST_CHECK_WAIT)) {
                LOG.warning("first health check did not finish within " + FIRST_CHECK_WAIT.toMillis()
                        + "ms; starting tick 1 in mode " + health.mode());
            }
        } catch (InterruptedException e) {
            return;
        }
        while (awaitDue()) {
            try {
                if (tick.getAsBoolean()) {
                    pauseAfterSkip();
                }
            } catch (RuntimeException | Error e) {
                // A bug must not end the schedule silently: log it, count it, go on with the next tick.
                internalErrors.incrementAndGet();
                LOG.log(Level.SEVERE, "tick failed inside the engine; the next one runs as planned", e);
            }
            if (countDone()) {
                return;
            }
        }
    }

    /** Waits until a tick is due (or asked for); false once stopped. */
    private boolean awaitDue() {
        lock.lock();
        try {
            while (true) {
                if (state == TickEngine.State.STOPPED) {
                    return false;
                }
                if (runNowRequested) {
                    runNowRequested = false;
                    break;
                }
                if (state == TickEngine.State.RUNNING) {
                    long wait = nextDueNanos - System.nanoTime();
                    if (wait <= 0) {
                        break;
                    }
                    wake.awaitNanos(wait);
                } else {
                    wake.await();
                }
            }
            lastStartNanos = System.nanoTime();
            nextDueNanos = lastStartNanos + interval.toNanos();
            return true;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** A skipped tick is followed by at least {@link #SKIPPED_PAUSE_NANOS} (run-now requests excepted). */
    private void pauseAfterSkip() {
        lock.lock();
        try {
            nextDueNanos = Math.max(nextDueNanos, System.nanoTime() + SKIPPED_PAUSE_NANOS);
        } finally {
            lock.unlock();
        }
    }

    /** Counts a finished tick toward "stop after N"; true when that was the last one. */
    private boolean countDone() {
        lock.lock();
        try {
            if (ticksLeft > 0 && --ticksLeft == 0) {
                changeState(TickEngine.State.STOPPED);
                ticksDone.complete(null);
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }
}
