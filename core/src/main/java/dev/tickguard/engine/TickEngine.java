package dev.tickguard.engine;

import dev.tickguard.config.TickguardConfig;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.TickRecord;
import dev.tickguard.health.HealthMonitor;
import dev.tickguard.persist.Database;
import dev.tickguard.persist.TickStore;
import dev.tickguard.persist.TickWrites;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.Memory;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Runs heavy ticks: every {@code interval} once started, and on demand (run now, run N ticks).
 * Pause, resume and stop take effect between ticks; stop also cancels a running tick.
 *
 * <p>Ticks never overlap. After each tick the health monitor sees its record, and the result cache
 * and the checkpoint (last tick number) are saved. The engine wires its parts, each with one job:
 * {@link TickSchedule} (when ticks start, on the {@code tickguard-engine} thread),
 * {@link StepCatalog} (which steps run), {@link TickRun} (one tick), {@link StepRunner} (one step),
 * {@link StepThreads} (the bounded step threads), {@link DeadlineTimer} (deadlines) and
 * {@link TickWrites} (the database: each step's run, the tick's record, the cache; on the
 * database's {@code tickguard-db-writer} thread), {@link TickResume} (a tick a killed process left). Every thread
 * the engine starts is listed in {@code docs/THREADS.md}. Thread-safe.
 */
public final class TickEngine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TickEngine.class.getName());
    private static final long TICK_SAFETY_MARGIN_MS = 5_000;
    /** How long a stopped tick may take to end beyond the abandonment grace (a bound, never a step's wait). */
    private static final long STOP_BOUND_MS = 2_000;

    /** What a tick needs from the engine, shared by every {@link TickRun}. */
    record Parts(TickguardConfig config, EventBus bus, BreakerRegistry breakers, HealthMonitor health,
                 StepRunner runner, AdaptiveTimeouts adaptive, Llm llm, Memory memory, TimeSource time,
                 java.util.Map<String, Path> sandboxes, TickWrites writes, dev.tickguard.persist.StepStates states) {
        /** A step's sandbox folder (resolved once per step, not per run). */
        Path sandbox(String stepId) {
            Path p = sandboxes.get(stepId); // a plain get first: computeIfAbsent's lambda is not free per step
            return p != null ? p : sandboxes.computeIfAbsent(stepId, id -> config.dataDir().resolve("sandbox").resolve(id));
        }
    }

    /** Where the engine is in its life. */
    public enum State { NEW, RUNNING, PAUSED, STOPPED }

    /** A step found by discovery, with where it came from. */
    public record Discovered(Step step, String source) {
    }

    private final Parts parts;
    private final StepCatalog catalog;
    private final TickSchedule schedule;
    private final Database db;
    private final boolean ownsDb;
    private final TickWrites writes;
    private final TickStore store;
    private final dev.tickguard.persist.Retention retention;
    // Set at start when the previous process died in the middle of a tick; the first tick resumes it.
    private volatile TickResume.Plan resume;
    private final ResultCache cache;
    private final StepFaults faults;
    private final AbandonedThreads abandoned;
    private final StepThreads stepThreads;
    private final DeadlineTimer deadlines;
    private final AtomicLong internalErrors = new AtomicLong();
    private final dev.tickguard.remote.RemoteSteps remote;
    // Held for a whole tick: ticks never overlap, and the tick number moves only here.
    private final Object tickMutex = new Object();
    // Guarded by tickMutex.
    private long lastTick;
    private volatile TickRun current;
    // Set once by stop(): why a tick that runs now or later stops at once.
    private volatile String stopReason;
    // Completed by stop(): wakes a tick's wait, so a stopped tick ends within its stop bound, not its limit.
    private final CompletableFuture<Void> stopping = new CompletableFuture<>();

    TickEngine(TickguardConfig config, List<Discovered> discovered, EventBus bus, BreakerRegistry breakers,
               HealthMonitor health, Llm llm, Memory memory, StepFaults faults, TimeSource time,
               int maxStepThreads, Database db, boolean ownsDb, TickWrites writes, Duration resumeMaxAge,
               dev.tickguard.remote.RemoteSteps remote) {
        this.remote = remote;
        this.db = db;
        this.ownsDb = ownsDb;
        this.writes = writes;
        this.store = new TickStore(db);
        this.retention = new dev.tickguard.persist.Retention(db, config.persistence().keepTicks(),
                config.persistence().keepDays(), config.persistence().keepResultsDays(), time::now);
        this.cache = ResultCache.load(store);
        this.faults = faults;
        this.abandoned = new AbandonedThreads();
        // A tick's row is written when it starts, so a number is never used twice, even by a killed tick.
        this.lastTick = lastTickIn(store);
        this.resume = TickResume.atStart(store, writes, resumeMaxAge, time.now()).orElse(null);
        this.stepThreads = new StepThreads(maxStepThreads);
        AdaptiveTimeouts adaptive = new AdaptiveTimeouts(config.adaptive());
        this.deadlines = new DeadlineTimer("tickguard-deadlines");
        long grace = config.tick().abandonGrace().toNanos();
        FallbackChain fallbacks = new FallbackChain(cache, config.cache().maxAge(), stepThreads, abandoned, grace);
        StepRunner runner = new StepRunner(fallbacks, cache, adaptive, faults, abandoned, bus, time, stepThreads,
                deadlines, grace, config.tick().limit().toNanos());
        this.parts = new Parts(config, bus, breakers, health, runner, adaptive, llm, memory, time,
                new ConcurrentHashMap<>(), writes, new dev.tickguard.persist.StepStates(db));
        this.catalog = new StepCatalog(discovered, config, breakers, bus, time, remote);
        this.schedule = new TickSchedule(config.tick().interval(), () -> runTick().skipped(), health, bus, time,
                internalErrors);
    }

    /** The remote steps' hook: the broker link (if any) and where recent remote runs ran. */
    public dev.tickguard.remote.RemoteSteps remote() {
        return remote;
    }

    private static long lastTickIn(TickStore store) {
        try {
            return store.lastTick();
        } catch (java.sql.SQLException e) {
            throw new dev.tickguard.persist.DataFolderException("cannot read the last tick number from " + store + ": "
                    + e.getMessage(), e);
        }
    }

    /** Starts building an engine on the given configuration. */
    public static TickEngineBuilder builder(TickguardConfig config) {
        return new TickEngineBuilder(config);
    }

    // ------------------------------------------------------------------ schedule

    /** Starts the tick loop (and the health monitor). The first tick starts at once. */
    public void start() {
        if (schedule.start()) {
            parts.health().start();
            retention.start();
        }
    }

    /** No new ticks start until {@link #resume()} (run-now requests still do). */
    public void pause() {
        schedule.setRunning(false);
    }

    /** Ends a pause; the next tick starts when due. */
    public void resume() {
        schedule.setRunning(true);
    }

    /**
     * Starts a tick as soon as the current one (if any) ends, even while paused. Requests made before
     * that tick starts are one request.
     */
    public void runNow() {
        schedule.runNow();
    }

    /** Changes the interval between tick starts; takes effect from the next wait. */
    public void setInterval(Duration d) {
        schedule.setInterval(d);
    }

    /** The interval between tick starts. */
    public Duration interval() {
        return schedule.interval();
    }

    /**
     * Stops the engine after {@code n} more ticks (finished or skipped).
     *
     * @return completes when those ticks are done and the engine has stopped
     */
    public CompletableFuture<Void> stopAfter(long n) {
        return schedule.stopAfter(n);
    }

    /** The engine's state. */
    public State state() {
        return schedule.state();
    }

    // ------------------------------------------------------------------ ticks

    /**
     * Runs one tick on the calling thread (waiting for a running one to end first) and returns its
     * record. The loop uses it; so can tests and tools that drive ticks themselves.
     */
    public TickRecord runTick() {
        synchronized (tickMutex) {
            TickResume.Plan plan = resume;
            resume = null;
            // The interrupted tick's row is in the database, so lastTick already counts its number.
            long tick = plan != null ? plan.tick() : ++lastTick;
            CompletableFuture<Void> end = new CompletableFuture<>();
            SystemMode mode;
            String why;
            synchronized (parts.health()) { // the mode and its reason as one pair (both read under its lock)
                mode = parts.health().mode();
                why = parts.health().reason();
            }
            TickRun run = new TickRun(tick, mode, why, parts, catalog.begin(end), plan);
            current = run;
            String stopped = stopReason;
            if (stopped != null) {
                run.stop(stopped);
            }
            TickRecord record;
            try {
                record = await(run);
            } finally {
                current = null;
                end.complete(null);
            }
            parts.health().onTick(record);
            cache.saveChanged(writes);
            return record;
        }
    }

    /**
     * Waits for the tick. Every step has its own deadline within the tick limit, so this only matters
     * if something inside never answered: then the tick is stopped and its record still written.
     */
    private TickRecord await(TickRun run) {
        CompletableFuture<TickRecord> done = run.start();
        long limitMs = parts.config().tick().limit().toMillis() + TICK_SAFETY_MARGIN_MS;
        try {
            CompletableFuture.anyOf(done, stopping).get(limitMs, TimeUnit.MILLISECONDS);
            if (!done.isDone()) {
                return stopped(run, done); // stop() asked: its steps end within the grace, or it is ended as is
            }
            return done.get();
        } catch (TimeoutException e) {
            LOG.severe("tick did not finish " + TICK_SAFETY_MARGIN_MS + "ms after its limit; stopping it");
            run.stop("tick exceeded its limit by " + TICK_SAFETY_MARGIN_MS + "ms");
            return stopped(run, done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop("engine interrupted");
            return stopped(run, done);
        } catch (ExecutionException e) {
            throw new IllegalStateException("tick failed inside the engine", e.getCause());
        }
    }

    /** The record of a stopped tick: its steps end within the grace; if not (an engine bug), it is ended as is. */
    private TickRecord stopped(TickRun run, CompletableFuture<TickRecord> done) {
        long bound = parts.config().tick().abandonGrace().toMillis() + STOP_BOUND_MS;
        try {
            return done.get(bound, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException | ExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            internalErrors.incrementAndGet();
            LOG.severe("stopped tick did not end within " + bound + "ms; ending it with the records it has");
            run.forceFinish("stopped; a step did not end within " + bound + "ms");
            return done.join();
        }
    }

    /** Why a tick stopped by {@link #stop()} ended early: its {@code abort_reason}. */
    public static final String STOPPING = "engine stopping";

    /** Stops the loop, cancels a running tick (its record is still written), and waits for the loop to end. */
    public void stop() {
        stop(STOPPING);
    }

    /** {@link #stop()}, with why the running tick stops (its {@code abort_reason}, e.g. "stopped by SIGTERM"). */
    public void stop(String why) {
        if (schedule.stoppedForGood()) {
            return;
        }
        Thread t = schedule.stop();
        parts.health().stopping(); // before the running tick's calls are cut off
        stopReason = why;
        TickRun run = current;
        if (run != null) {
            run.stop(why);
        }
        stopping.complete(null);
        if (t != null && t != Thread.currentThread()) {
            try {
                // The running tick ends within the grace (its steps are interrupted, then abandoned); the
                // bound only guards against a bug.
                t.join(parts.config().tick().abandonGrace().toMillis() + 2 * STOP_BOUND_MS);
                if (t.isAlive()) {
                    internalErrors.incrementAndGet();
                    LOG.severe("tick loop did not end after stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops, releases hung chaos steps, stops the health monitor and the step threads, saves the state. */
    @Override
    public void close() {
        close(STOPPING);
    }

    /** {@link #close()}, with why the running tick stops. */
    public void close(String why) {
        stop(why);
        faults.releaseHangs();
        parts.health().close();
        deadlines.close();
        stepThreads.shutdownNow();
        retention.close();
        // The last tick's record and the cache reach the disk before the engine reports closed.
        cache.saveChanged(writes);
        if (ownsDb) {
            db.close();
        } else if (!db.flush(10_000)) {
            LOG.warning("the database " + db.file() + " did not take the last changes within 10 s ("
                    + db.writeProblem() + ")");
        }
    }

    /**
     * Replaces the steps that run, from the next tick on, without waiting: a tick running now goes on
     * with the steps it started with, so no tick ever mixes old and new steps. Used by the plugin
     * manager when the plugins folder changes.
     *
     * @return completes once no tick uses the old steps any more (at once if none is running; a
     *     thread abandoned by an earlier tick may still be inside one)
     */
    public CompletableFuture<Void> replaceSteps(List<Discovered> discovered) {
        return catalog.replace(discovered);
    }

    // ------------------------------------------------------------------ views

    /** The steps that run, in run order. */
    public List<LoadedStep> steps() {
        return catalog.steps();
    }

    public EventBus bus() {
        return parts.bus();
    }

    public BreakerRegistry breakers() {
        return parts.breakers();
    }

    public HealthMonitor health() {
        return parts.health();
    }

    public AdaptiveTimeouts adaptiveTimeouts() {
        return parts.adaptive();
    }

    public ResultCache cache() {
        return cache;
    }

    public StepFaults stepFaults() {
        return faults;
    }

    public AbandonedThreads abandonedThreads() {
        return abandoned;
    }

    public TickguardConfig config() {
        return parts.config();
    }

    /** The tick store (read side of the database), for the history. */
    public TickStore store() {
        return store;
    }

    /** The database, for its health (writable or not). */
    public Database database() {
        return db;
    }

    /** The number of the last tick run (or the last in the database). */
    public long lastTick() {
        synchronized (tickMutex) {
            return lastTick;
        }
    }

    /** Failures inside the engine itself (a bug, a failed state save): logged, counted, never fatal. */
    public long internalErrors() {
        return internalErrors.get();
    }

    /** The most step threads alive at once so far. */
    public int peakStepThreads() {
        return stepThreads.peak();
    }

    /** Step threads alive now (running or idle in the pool). */
    public int stepThreadsNow() {
        return stepThreads.alive();
    }
}
