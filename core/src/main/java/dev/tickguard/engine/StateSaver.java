package dev.tickguard.engine;

import dev.tickguard.bus.EventBus;
import dev.tickguard.persist.Checkpoint;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Saves what must outlive the process after each tick: the result cache and the checkpoint (the last
 * tick number). Saves run on its own {@code tickguard-persist} thread, so a tick never waits for the
 * disk; requests coalesce (at most one save a second), so a burst of ticks costs one write of the
 * latest state. The checkpoint never runs ahead of the journal: a save first lets every bus listener
 * (the journal among them) handle the events published so far.
 *
 * <p>Thread-safe: {@link #request} is called on the thread that ran the tick, {@link #close} by
 * whoever closes the engine. The persist thread blocks only on the disk and on the bus's drain
 * (bounded by {@link #JOURNAL_WAIT}); it ends on {@link #close}, after a running save finishes.
 */
final class StateSaver implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TickEngine.class.getName());
    private static final long MIN_SAVE_SPACING_NANOS = 1_000_000_000L;
    private static final Duration JOURNAL_WAIT = Duration.ofSeconds(5);

    private final ResultCache cache;
    private final Path cacheFile;
    private final Path checkpointFile;
    private final EventBus bus;
    private final TimeSource time;
    private final AtomicLong internalErrors;
    private final ScheduledThreadPoolExecutor persister;
    private volatile long lastSaveNanos = System.nanoTime() - MIN_SAVE_SPACING_NANOS;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong savedTick = new AtomicLong();
    private final dev.tickguard.persist.RepeatedWarning cannotSave = new dev.tickguard.persist.RepeatedWarning(LOG);

    /** @param internalErrors counts a failed save (logged, never fatal) */
    StateSaver(ResultCache cache, Path cacheFile, Path checkpointFile, EventBus bus, TimeSource time,
               AtomicLong internalErrors) {
        this.cache = cache;
        this.cacheFile = cacheFile;
        this.checkpointFile = checkpointFile;
        this.bus = bus;
        this.time = time;
        this.internalErrors = internalErrors;
        this.persister = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tickguard-persist");
            t.setDaemon(true);
            return t;
        });
        // On close a pending (delayed) save is dropped, a running one finishes; close() then saves once more.
        persister.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Asks for a save of the state as of tick {@code tick}; returns at once. */
    void request(long tick) {
        savedTick.set(tick);
        if (pending.compareAndSet(false, true)) {
            // At most one save per second: ticks are normally a minute apart, benchmarks are not.
            long wait = Math.max(0, lastSaveNanos + MIN_SAVE_SPACING_NANOS - System.nanoTime());
            try {
                persister.schedule(this::saveNow, wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                pending.set(false);
            }
        }
    }

    private void saveNow() {
        pending.set(false);
        lastSaveNanos = System.nanoTime();
        long tick = savedTick.get();
        try {
            cache.saveIfChanged(cacheFile);
            if (bus.drain(JOURNAL_WAIT)) {
                Checkpoint.save(checkpointFile, new Checkpoint(tick, time.now()));
                cannotSave.clear();
            } else {
                LOG.warning("listeners still busy after " + JOURNAL_WAIT.toMillis() + "ms; checkpoint of tick " + tick
                        + " left for the next save");
                request(tick);
            }
        } catch (IOException e) {
            internalErrors.incrementAndGet();
            cannotSave.warn("could not save state in " + cacheFile.getParent() + ": "
                    + dev.tickguard.persist.DataFolderException.reason(e));
        } catch (RuntimeException | Error e) {
            internalErrors.incrementAndGet();
            LOG.log(Level.SEVERE, "state save failed", e);
        }
    }

    /** Ends the persist thread, then saves the last tick's state once more on the calling thread. */
    @Override
    public void close() {
        persister.shutdown();
        try {
            if (!persister.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("state save did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The last tick's state must reach the disk before the engine reports closed.
        if (savedTick.get() > 0) {
            saveNow();
        }
    }
}
