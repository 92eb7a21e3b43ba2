package dev.tickguard.engine;

import dev.tickguard.chaos.StepFaults;
import dev.tickguard.config.StepOverride;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.events.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.health.HealthMonitor;
import dev.tickguard.memory.FileMemory;
import dev.tickguard.persist.Checkpoint;
import dev.tickguard.persist.DataFolder;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.Memory;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Runs heavy ticks: every {@code interval} once started, and on demand (run now, run N ticks).
 * Pause, resume and stop take effect between ticks; stop also cancels a running tick.
 *
 * <p>Ticks never overlap. After each tick the health monitor sees its record, and the result cache
 * and the checkpoint (last tick number) are saved. Thread-safe.
 */
public final class TickEngine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TickEngine.class.getName());
    private static final Pattern STEP_ID = Pattern.compile("[a-z][a-z0-9_]*");

    /** What a tick needs from the engine, shared by every {@link TickRun}. */
    record Parts(TickguardConfig config, EventBus bus, BreakerRegistry breakers, HealthMonitor health,
                 StepRunner runner, AdaptiveTimeouts adaptive, Llm llm, Memory memory, TimeSource time,
                 java.util.Map<String, Path> sandboxes) {
        /** A step's sandbox folder (resolved once per step, not per run). */
        Path sandbox(String stepId) {
            Path p = sandboxes.get(stepId); // a plain get first: computeIfAbsent's lambda is not free per step
            return p != null ? p : sandboxes.computeIfAbsent(stepId, id -> config.dataDir().resolve("sandbox").resolve(id));
        }
    }

    /** Where the engine is in its life. */
    public enum State { NEW, RUNNING, PAUSED, STOPPED }

    private final Parts parts;
    // A tick runs the list it started with; replaceSteps swaps in the next one at any time.
    private volatile List<LoadedStep> steps;
    private final Object stepsLock = new Object();
    // Completes when the tick that started last has ended. Guarded by stepsLock.
    private CompletableFuture<Void> tickEnd = CompletableFuture.completedFuture(null);
    private final ResultCache cache;
    private final StepFaults faults;
    private final AbandonedThreads abandoned;
    private final ThreadPoolExecutor stepThreads;
    private final DeadlineTimer deadlines;
    private final java.util.concurrent.atomic.AtomicLong internalErrors = new java.util.concurrent.atomic.AtomicLong();
    private final Path cacheFile;
    private final Path checkpointFile;
    private static final long MIN_SAVE_SPACING_NANOS = 1_000_000_000L;
    private static final Duration JOURNAL_WAIT = Duration.ofSeconds(5);
    private static final long TICK_SAFETY_MARGIN_MS = 5_000;
    /** How long tick 1 waits for the first health check run. */
    private static final Duration FIRST_CHECK_WAIT = Duration.ofSeconds(2);
    /** How long a stopped tick may take to end beyond the abandonment grace (a bound, never a step's wait). */
    private static final long STOP_BOUND_MS = 2_000;
    private final java.util.concurrent.ScheduledExecutorService persister;
    private volatile long lastSaveNanos = System.nanoTime() - MIN_SAVE_SPACING_NANOS;
    private final java.util.concurrent.atomic.AtomicBoolean persistPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong savedTick = new java.util.concurrent.atomic.AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Object tickMutex = new Object();
    // Guarded by lock.
    private State state = State.NEW;
    private Duration interval;
    // A request, not a count: "run" typed ten times during a long tick means one more tick, not ten.
    private boolean runNowRequested;
    private long nextDueNanos;
    private long lastStartNanos;
    private long ticksLeft = -1;
    private CompletableFuture<Void> ticksDone = new CompletableFuture<>();
    private Thread loop;
    private volatile TickRun current;
    private volatile boolean stopping;
    private long lastTick;

    TickEngine(TickguardConfig config, List<Discovered> discovered, EventBus bus, BreakerRegistry breakers,
               HealthMonitor health, Llm llm, Memory memory, StepFaults faults, TimeSource time) {
        this.cacheFile = config.dataDir().resolve("state").resolve("results-cache.json");
        this.checkpointFile = config.dataDir().resolve("state").resolve("checkpoint.json");
        this.cache = ResultCache.load(cacheFile);
        this.faults = faults;
        this.abandoned = new AbandonedThreads();
        this.interval = config.tick().interval();
        // Never reuse a tick number: a tick killed before it was journaled may have left memory entries.
        this.lastTick = Math.max(Checkpoint.lastTick(checkpointFile, new DataFolder(config.dataDir()).journal()),
                memory instanceof FileMemory fm ? fm.lastTick() : 0);
        AtomicInteger n = new AtomicInteger();
        this.stepThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> new StepThread(r, "tickguard-step-" + n.incrementAndGet()));
        java.util.concurrent.ScheduledThreadPoolExecutor saver = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                r -> {
                    Thread t = new Thread(r, "tickguard-persist");
                    t.setDaemon(true);
                    return t;
                });
        // On close a pending (delayed) save is dropped, a running one finishes; close() then saves once more.
        saver.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.persister = saver;
        AdaptiveTimeouts adaptive = new AdaptiveTimeouts(config.adaptive());
        this.deadlines = new DeadlineTimer("tickguard-deadlines");
        StepRunner runner = new StepRunner(new FallbackChain(cache, config.cache().maxAge()), cache, adaptive, faults,
                abandoned, bus, time, stepThreads, deadlines, config.tick().abandonGrace().toNanos());
        this.parts = new Parts(config, bus, breakers, health, runner, adaptive, llm, memory, time,
                new java.util.concurrent.ConcurrentHashMap<>());
        this.steps = load(discovered, config, breakers, bus, time, true);
    }

    /** A step found by discovery, with where it came from. */
    public record Discovered(Step step, String source) {
    }

    /** Starts building an engine on the given configuration. */
    public static TickEngineBuilder builder(TickguardConfig config) {
        return new TickEngineBuilder(config);
    }

    private static List<LoadedStep> load(List<Discovered> discovered, TickguardConfig config, BreakerRegistry breakers,
                                         EventBus bus, TimeSource time, boolean reportUnknownOverrides) {
        List<LoadedStep> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Discovered d : discovered) {
            String problem = null;
            LoadedStep loaded = null;
            try {
                String id = d.step().id();
                if (id == null || !STEP_ID.matcher(id).matches()) {
                    problem = "step id '" + id + "' is not lower-case letters, digits and '_'";
                } else if (!ids.add(id)) {
                    problem = "step id '" + id + "' is already provided by another plugin";
                } else {
                    StepOverride o = config.step(id);
                    if (!o.isEnabled()) {
                        LOG.info("step '" + id + "' is disabled in " + config.source());
                        continue;
                    }
                    loaded = LoadedStep.of(d.step(), o, breakers.get("step:" + id), d.source());
                    Objects.requireNonNull(loaded.priority(), "priority()");
                    // An optional step failing is shown, but does not by itself degrade the system.
                    breakers.countsForHealth(loaded.breaker().name(), loaded.priority() != Priority.OPTIONAL);
                    Objects.requireNonNull(loaded.phase(), "phase()");
                    if (loaded.timeout() == null || loaded.timeout().isNegative() || loaded.timeout().isZero()) {
                        problem = "step '" + id + "' has no positive timeout (" + loaded.timeout() + ")";
                        loaded = null;
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                problem = "step " + d.step().getClass().getName() + " cannot describe itself: " + e;
                loaded = null;
            }
            if (problem != null) {
                bus.publish(new TickEvent.PluginFailed(time.now(), d.source(), problem));
                LOG.warning("[Plugins] " + d.source() + ": " + problem);
            } else if (loaded != null) {
                out.add(loaded);
            }
        }
        out.sort(LoadedStep.RUN_ORDER);
        List<String> unknown = config.steps().keySet().stream().filter(id -> !ids.contains(id)).toList();
        // Reported once, at start: later the plugins folder changes, and a plugin's step may come and go.
        if (reportUnknownOverrides && !unknown.isEmpty()) {
            List<String> known = new ArrayList<>(ids);
            known.sort(null);
            String message = config.source() + ": steps." + String.join(", steps.", unknown) + " name"
                    + (unknown.size() == 1 ? "s no known step" : " no known steps") + "; known steps: "
                    + String.join(", ", known);
            LOG.warning(message);
            bus.publish(new TickEvent.Notice(time.now(), "Config", message));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ schedule

    /** Starts the tick loop (and the health monitor). The first tick starts at once. */
    public void start() {
        lock.lock();
        try {
            if (state != State.NEW) {
                return;
            }
            changeState(State.RUNNING);
            nextDueNanos = System.nanoTime();
            loop = new Thread(this::loop, "tickguard-engine");
            loop.setDaemon(true);
            loop.start();
        } finally {
            lock.unlock();
        }
        parts.health().start();
    }

    /** No new ticks start until {@link #resume()} (run-now requests still do). */
    public void pause() {
        setState(State.PAUSED);
    }

    /** Ends a pause; the next tick starts when due. */
    public void resume() {
        setState(State.RUNNING);
    }

    private void setState(State s) {
        lock.lock();
        try {
            if (state == State.RUNNING || state == State.PAUSED) {
                changeState(s);
                wake.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a tick as soon as the current one (if any) ends, even while paused. Requests made before
     * that tick starts are one request.
     */
    public void runNow() {
        lock.lock();
        try {
            runNowRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Changes the interval between tick starts; takes effect from the next wait. */
    public void setInterval(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("interval must be >= 0, not " + d);
        }
        lock.lock();
        try {
            if (!d.equals(interval)) {
                interval = d;
                bus().publish(new TickEvent.EngineStateChanged(parts.time().now(), publicState(state),
                        publicState(state), d));
            }
            if (lastStartNanos != 0) {
                nextDueNanos = lastStartNanos + d.toNanos();
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The interval between tick starts. */
    public Duration interval() {
        lock.lock();
        try {
            return interval;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the engine after {@code n} more ticks (finished or skipped).
     *
     * @return completes when those ticks are done and the engine has stopped
     */
    public CompletableFuture<Void> stopAfter(long n) {
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

    /** Sets the state and publishes the change while holding the lock, so events follow the changes' order. */
    private void changeState(State to) {
        State from = state;
        state = to;
        if (from != to) {
            bus().publish(new TickEvent.EngineStateChanged(parts.time().now(), publicState(from), publicState(to),
                    interval));
        }
    }

    private static dev.tickguard.events.EngineState publicState(State s) {
        return dev.tickguard.events.EngineState.valueOf(s.name());
    }

    /** The engine's state. */
    public State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        try {
            // Tick 1 runs in the mode the first checks found (e.g. DEGRADED with Ollama down), not the initial NORMAL.
            if (!parts.health().awaitFirstCheck(FIRST_CHECK_WAIT)) {
                LOG.warning("first health check did not finish within " + FIRST_CHECK_WAIT.toMillis()
                        + "ms; starting tick 1 in mode " + parts.health().mode());
            }
        } catch (InterruptedException e) {
            return;
        }
        while (true) {
            lock.lock();
            try {
                while (true) {
                    if (state == State.STOPPED) {
                        return;
                    }
                    if (runNowRequested) {
                        runNowRequested = false;
                        break;
                    }
                    if (state == State.RUNNING) {
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
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                runTick();
            } catch (RuntimeException | Error e) {
                // A bug must not end the schedule silently: log it, count it, go on with the next tick.
                internalErrors.incrementAndGet();
                LOG.log(java.util.logging.Level.SEVERE, "tick failed inside the engine; the next one runs as planned", e);
            }
            lock.lock();
            try {
                if (ticksLeft > 0 && --ticksLeft == 0) {
                    changeState(State.STOPPED);
                    ticksDone.complete(null);
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    // ------------------------------------------------------------------ ticks

    /**
     * Runs one tick on the calling thread (waiting for a running one to end first) and returns its
     * record. The loop uses it; so can tests and tools that drive ticks themselves.
     */
    public TickRecord runTick() {
        synchronized (tickMutex) {
            long tick = ++lastTick;
            TickRun run;
            CompletableFuture<Void> end = new CompletableFuture<>();
            synchronized (stepsLock) {
                run = new TickRun(tick, parts.health().mode(), parts, steps);
                tickEnd = end;
            }
            current = run;
            if (stopping) {
                run.stop("engine stopping");
            }
            TickRecord record;
            try {
                record = await(run);
            } finally {
                current = null;
                end.complete(null);
            }
            parts.health().onTick(record);
            persist(tick);
            return record;
        }
    }

    /**
     * Saves the cache and the checkpoint on the persist thread: the tick never waits for the disk.
     * Requests coalesce, so a burst of ticks costs one write of the latest state.
     */
    /**
     * Waits for the tick. Every step has its own deadline within the tick limit, so this only matters
     * if something inside never answered: then the tick is stopped and its record still written.
     */
    private TickRecord await(TickRun run) {
        CompletableFuture<TickRecord> done = run.start();
        long limitMs = parts.config().tick().limit().toMillis() + TICK_SAFETY_MARGIN_MS;
        try {
            return done.get(limitMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.severe("tick did not finish " + TICK_SAFETY_MARGIN_MS + "ms after its limit; stopping it");
            run.stop("tick exceeded its limit by " + TICK_SAFETY_MARGIN_MS + "ms");
            return stopped(run, done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop("engine interrupted");
            return stopped(run, done);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("tick failed inside the engine", e.getCause());
        }
    }

    /** The record of a stopped tick: its steps end within the grace; if not (an engine bug), it is ended as is. */
    private TickRecord stopped(TickRun run, CompletableFuture<TickRecord> done) {
        long bound = parts.config().tick().abandonGrace().toMillis() + STOP_BOUND_MS;
        try {
            return done.get(bound, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | InterruptedException | java.util.concurrent.ExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            internalErrors.incrementAndGet();
            LOG.severe("stopped tick did not end within " + bound + "ms; ending it with the records it has");
            run.forceFinish("stopped; a step did not end within " + bound + "ms");
            return done.join();
        }
    }

    private void persist(long tick) {
        savedTick.set(tick);
        if (persistPending.compareAndSet(false, true)) {
            // At most one save per second: ticks are normally a minute apart, benchmarks are not.
            long wait = Math.max(0, lastSaveNanos + MIN_SAVE_SPACING_NANOS - System.nanoTime());
            try {
                persister.schedule(this::saveNow, wait, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                persistPending.set(false);
            }
        }
    }

    private void saveNow() {
        persistPending.set(false);
        lastSaveNanos = System.nanoTime();
        long tick = savedTick.get();
        try {
            cache.saveIfChanged(cacheFile);
            // The checkpoint never runs ahead of the journal: first let every listener (the journal among
            // them) handle the events published so far, this tick's TickFinished included.
            if (parts.bus().drain(JOURNAL_WAIT)) {
                Checkpoint.save(checkpointFile, new Checkpoint(tick, parts.time().now()));
            } else {
                LOG.warning("listeners still busy after " + JOURNAL_WAIT.toMillis() + "ms; checkpoint of tick " + tick
                        + " left for the next save");
                persist(tick);
            }
        } catch (IOException e) {
            internalErrors.incrementAndGet();
            LOG.warning("could not save state in " + cacheFile.getParent() + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            internalErrors.incrementAndGet();
            LOG.log(java.util.logging.Level.SEVERE, "state save failed", e);
        }
    }

    /** Stops the loop, cancels a running tick (its record is still written), and waits for the loop to end. */
    public void stop() {
        Thread t;
        lock.lock();
        try {
            if (state == State.STOPPED && loop == null) {
                return;
            }
            changeState(State.STOPPED);
            stopping = true;
            wake.signalAll();
            t = loop;
            loop = null;
            ticksDone.complete(null);
        } finally {
            lock.unlock();
        }
        TickRun run = current;
        if (run != null) {
            run.stop("engine stopping");
        }
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

    /** Stops, releases hung chaos steps, stops the health monitor and the step threads. */
    @Override
    public void close() {
        stop();
        faults.releaseHangs();
        parts.health().close();
        deadlines.close();
        stepThreads.shutdownNow();
        // The last tick's state must reach the disk before we report closed.
        persister.shutdown();
        try {
            if (!persister.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("state save did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (savedTick.get() > 0) {
            saveNow();
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
        List<LoadedStep> next = load(discovered, parts.config(), parts.breakers(), parts.bus(), parts.time(), false);
        synchronized (stepsLock) {
            steps = next;
            return tickEnd.copy();
        }
    }

    // ------------------------------------------------------------------ views

    /** The steps that run, in run order. */
    public List<LoadedStep> steps() {
        return steps;
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

    /** The number of the last tick run (or restored from the checkpoint). */
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
        return stepThreads.getLargestPoolSize(); // the pool keeps its largest size ever
    }

    /** Step threads alive now (running or idle in the pool). */
    public int stepThreadsNow() {
        return stepThreads.getPoolSize();
    }
}
