package dev.tickguard.health;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.CheckResult;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Decides the {@link SystemMode}.
 *
 * <ul>
 *   <li>EMERGENCY: a critical check fails (heap, data disk), or every CRITICAL step fell back in
 *       {@code critical_fallback_ticks} ticks in a row;</li>
 *   <li>DEGRADED: a non-critical check fails (e.g. the LLM endpoint), a breaker that counts for
 *       health (the LLM's, CRITICAL and IMPORTANT steps') is not CLOSED, or the LLM's latency is
 *       above its limit;</li>
 *   <li>RECOVERY: the cause cleared (for a breaker: its trial call succeeded); NORMAL after
 *       {@code recovery_checks} healthy check runs in a row.</li>
 * </ul>
 *
 * <p>The checks run on a schedule and on demand ({@link #runChecks()}); the mode is re-evaluated
 * at once on every breaker change, LLM latency report and finished tick, so it reacts without
 * waiting for the timer. Only check runs count towards leaving RECOVERY, so a burst of events
 * cannot rush the system back to NORMAL.
 *
 * <p>An EMERGENCY caused by critical fallbacks is latched until the next check run finds every
 * critical check healthy; the system then recovers on probation: one more tick in which every
 * critical step falls back sends it straight back to EMERGENCY. Thread-safe.
 *
 * <p>Threads: the checks run on its own {@code tickguard-health} thread (started by {@link #start()},
 * ended by {@link #close()}), which may block on a check's I/O. {@code onTick} is called by the
 * thread that ran the tick, breaker and LLM reports by step threads; none of them waits for a check.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());

    private final HealthSettings settings;
    private final BreakerRegistry breakers;
    private final EventBus bus;
    private final TimeSource time;
    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Supplier<String>> conditions = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;
    private final java.util.concurrent.CountDownLatch firstCheck = new java.util.concurrent.CountDownLatch(1);

    // Guarded by this.
    private SystemMode mode = SystemMode.NORMAL;
    private String reason = "starting";
    private List<CheckResult> lastResults = List.of();
    private long llmLatencyMs = -1;
    /** The breakers' version the mode was last evaluated on (written under this). */
    private volatile long evaluatedVersion = -1;
    private int criticalFallbackStreak;
    private boolean criticalFallbackLatched;
    /** The critical steps of the tick that latched EMERGENCY, with how each ended: the mode's reason names them. */
    private String criticalFallbackSteps = "";
    private int healthyChecksInRecovery;
    private int goodTicksInRecovery;
    /** An early check run is queued (after an LLM answer while a check was failing). */
    private boolean recheckPending;
    /** When the last check run ended (its time source's nanoTime), to space early runs out. */
    private long lastCheckRunNanos;
    /** The least time between a check run and an early one. */
    private static final long EARLY_RECHECK_NANOS = 5_000_000_000L;
    /** How long the last LLM call waited without an answer before it was cut off; -1 once one answered. */
    private long llmUnansweredMs = -1;
    /** Set when the engine stops for good: what the stop cuts off says nothing about the system's health. */
    private volatile boolean stopping;

    public HealthMonitor(HealthSettings settings, BreakerRegistry breakers, EventBus bus, TimeSource time) {
        this.settings = settings;
        this.breakers = breakers;
        this.bus = bus;
        this.time = time;
        breakers.onChange(e -> evaluate(false));
    }

    /**
     * Adds a condition read at every evaluation: a reason sentence while it degrades the system, else
     * null (the Ollama pool: down only when no endpoint can serve). Keep it fast and lock-free: it is
     * read under this monitor's lock, on breaker changes too.
     */
    public void addCondition(java.util.function.Supplier<String> degradedReason) {
        conditions.add(degradedReason);
        evaluate(false);
    }

    /** Adds a check; it is used from the next check run on. */
    public void addCheck(HealthCheck check) {
        checks.add(check);
    }

    /** Runs the checks every {@code health.interval}, on a daemon thread, starting now. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tickguard-health");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, settings.interval().toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runChecks();
            } catch (RuntimeException | LinkageError e) {
                LOG.warning("health check run failed: " + e);
                firstCheck.countDown();
            }
        }, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Runs every check now, publishes the results and re-evaluates the mode. */
    public List<CheckResult> runChecks() {
        List<CheckResult> results = new ArrayList<>();
        for (HealthCheck c : checks) {
            long t0 = time.nanoTime();
            HealthCheck.Reading r;
            try {
                r = c.check();
            } catch (Exception | LinkageError e) {
                r = HealthCheck.Reading.failing("check failed: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            }
            long ms = (time.nanoTime() - t0) / 1_000_000;
            results.add(new CheckResult(c.name(), r.healthy(), c.critical(), r.detail(), ms));
        }
        if (Thread.currentThread().isInterrupted()) {
            // Stopping (close() interrupts this thread): a check cut short says nothing about the resource,
            // so it must not turn the mode DEGRADED in the last lines of the log and the journal.
            firstCheck.countDown();
            return results;
        }
        synchronized (this) {
            lastResults = List.copyOf(results);
            lastCheckRunNanos = time.nanoTime();
            bus.publish(new TickEvent.HealthChecked(time.now(), results));
        }
        evaluate(true);
        firstCheck.countDown();
        return results;
    }

    /**
     * Waits until the first check run has finished (or {@code max} passed), so that the first tick
     * runs in the mode the checks found rather than in the initial NORMAL.
     *
     * @return true if a check run finished in time
     */
    public boolean awaitFirstCheck(Duration max) throws InterruptedException {
        return firstCheck.await(max.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Reports how long an LLM call took; a latency above the limit means DEGRADED until a faster one. */
    public void reportLlmLatency(Duration latency) {
        boolean changed;
        boolean recheck;
        ScheduledExecutorService runner;
        synchronized (this) {
            long ms = latency.toMillis();
            boolean wasSlow = isLlmSlow();
            llmLatencyMs = ms;
            changed = wasSlow != isLlmSlow() || llmUnansweredMs >= 0;
            llmUnansweredMs = -1; // it answers again
            // The LLM answered while a check still says it is unhealthy: look again now rather than at
            // the next scheduled run, so recovery starts within the tick (once per check run at most).
            runner = scheduler;
            recheck = runner != null && !recheckPending && time.nanoTime() - lastCheckRunNanos > EARLY_RECHECK_NANOS
                    && lastResults.stream().anyMatch(r -> !r.healthy() && !r.critical());
            recheckPending |= recheck;
        }
        if (recheck) {
            try {
                runner.execute(() -> {
                    synchronized (this) {
                        recheckPending = false;
                    }
                    runChecks();
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closed meanwhile: nothing to look at any more
            }
        }
        if (changed) {
            evaluate(false);
        }
    }

    /**
     * Reports an LLM call that got no answer before its caller gave up (a step's deadline cut it
     * off): the LLM is not answering, so the system is DEGRADED at once, not at the next check run,
     * until a call succeeds ({@link #reportLlmLatency}).
     */
    public void reportLlmUnanswered(Duration waited) {
        boolean changed;
        synchronized (this) {
            changed = llmUnansweredMs < 0;
            llmUnansweredMs = waited.toMillis();
        }
        if (changed) {
            evaluate(false);
        }
    }

    /** Counts ticks in which every CRITICAL step fell back, and re-evaluates the mode. */
    public void onTick(TickRecord record) {
        if (record.skipped()) {
            return;
        }
        countGoodTick(record);
        // Plain loops: this runs after every tick, and in a fresh JVM (interpreted) streams cost far more.
        boolean anyCritical = false;
        boolean allFellBack = true;
        for (StepRecord s : record.steps()) {
            if (s.priority() == Priority.CRITICAL) {
                anyCritical = true;
                if (s.outcome() == StepOutcome.SUCCESS) {
                    allFellBack = false;
                }
            }
        }
        if (!anyCritical) {
            return;
        }
        boolean latched;
        synchronized (this) {
            criticalFallbackStreak = allFellBack ? criticalFallbackStreak + 1 : 0;
            latched = !criticalFallbackLatched && criticalFallbackStreak >= settings.criticalFallbackTicks();
            if (latched) {
                criticalFallbackLatched = true;
                criticalFallbackSteps = criticalSteps(record);
            }
        }
        // Every other input re-evaluates when it changes (breakers, checks, LLM latency); the tick only
        // adds the latch, and catches up on breaker changes no callback reported (see BreakerRegistry.version).
        if (latched || breakers.version() != evaluatedVersion) {
            evaluate(false);
        }
    }

    /**
     * The critical steps of a tick and how each ended, e.g. {@code "weather: failed (error), no result at all"}:
     * which step (and so which plugin, see {@code plugin list}) keeps the system in EMERGENCY. Only
     * when the latch closes, so not on every tick.
     */
    private static String criticalSteps(TickRecord record) {
        List<String> out = new ArrayList<>();
        for (StepRecord s : record.steps()) {
            if (s.priority() == Priority.CRITICAL) {
                out.add("step '" + s.id() + "' " + s.outcome().name().toLowerCase(java.util.Locale.ROOT)
                        + (s.cause() == null ? "" : " (" + s.cause().name().toLowerCase(java.util.Locale.ROOT) + ")")
                        + (s.hasResult() ? "" : ", no result at all: not even its safe default"));
            }
        }
        return String.join("; ", out);
    }

    /**
     * In RECOVERY, a tick in which every step produced its own result counts toward NORMAL
     * ({@code health.recovery_ticks} in a row); any other tick starts the count again.
     */
    private void countGoodTick(TickRecord record) {
        synchronized (this) {
            if (mode != SystemMode.RECOVERY) {
                return; // the common case: no walk over the steps after every tick
            }
        }
        boolean good = !record.steps().isEmpty() && record.abortReason() == null;
        for (StepRecord s : record.steps()) {
            if (s.outcome() != StepOutcome.SUCCESS) {
                good = false;
                break;
            }
        }
        boolean reached;
        synchronized (this) {
            if (mode != SystemMode.RECOVERY) {
                return;
            }
            goodTicksInRecovery = good ? goodTicksInRecovery + 1 : 0;
            reached = goodTicksInRecovery >= settings.recoveryTicks();
        }
        if (reached) {
            evaluate(false);
        }
    }

    /** The current mode. */
    public synchronized SystemMode mode() {
        return mode;
    }

    /** Why the system is in its current mode. */
    public synchronized String reason() {
        return reason;
    }

    /** The results of the last check run. */
    public synchronized List<CheckResult> lastResults() {
        return lastResults;
    }

    private boolean isLlmSlow() {
        return llmLatencyMs > settings.llmLatencyDegraded().toMillis();
    }

    private void evaluate(boolean isCheckRun) {
        if (stopping) {
            return;
        }
        synchronized (this) {
            evaluatedVersion = breakers.version(); // before reading them: a change during this evaluation moves it again
            if (isCheckRun && criticalFallbackLatched && lastResults.stream().allMatch(r -> r.healthy() || !r.critical())) {
                criticalFallbackLatched = false;
                criticalFallbackStreak = settings.criticalFallbackTicks() - 1;
            }
            List<String> emergency = new ArrayList<>();
            List<String> degraded = new ArrayList<>();
            for (CheckResult r : lastResults) {
                if (!r.healthy()) {
                    (r.critical() ? emergency : degraded).add(ModeReasons.check(r));
                }
            }
            if (criticalFallbackLatched) {
                emergency.add(ModeReasons.criticalFallbacks(settings.criticalFallbackTicks(), criticalFallbackSteps));
            }
            List<String> open = new ArrayList<>();
            for (String n : breakers.unhealthyNames()) {
                if (breakers.get(n).state() == BreakerState.FORCED_OPEN) {
                    degraded.add(0, ModeReasons.forcedOpen(n)); // what the user did comes first, with how to undo it
                } else {
                    open.add(n);
                }
            }
            degraded.addAll(ModeReasons.open(open));
            for (java.util.function.Supplier<String> c : conditions) {
                String why;
                try {
                    why = c.get();
                } catch (RuntimeException e) {
                    why = "condition failed: " + e;
                }
                if (why != null) {
                    degraded.add(why);
                }
            }
            if (isLlmSlow()) {
                degraded.add(ModeReasons.slow(llmLatencyMs, settings.llmLatencyDegraded().toMillis()));
            }
            if (llmUnansweredMs >= 0) {
                degraded.add(ModeReasons.unanswered(llmUnansweredMs));
            }
            SystemMode next;
            String why;
            if (!emergency.isEmpty()) {
                next = SystemMode.EMERGENCY;
                why = String.join("; ", emergency);
            } else if (!degraded.isEmpty()) {
                next = SystemMode.DEGRADED;
                why = String.join("; ", degraded);
            } else if (mode == SystemMode.DEGRADED || mode == SystemMode.EMERGENCY) {
                next = SystemMode.RECOVERY;
                // What happens next first (the badge may shorten the end), then what it was.
                why = "the cause cleared: NORMAL after " + (settings.recoveryTicks() == 1 ? "a good tick"
                        : settings.recoveryTicks() + " good ticks") + " or " + settings.recoveryChecks()
                        + " healthy check runs (it was: " + reason + ")";
                healthyChecksInRecovery = 0;
                goodTicksInRecovery = 0;
            } else if (mode == SystemMode.RECOVERY) {
                if (isCheckRun) {
                    healthyChecksInRecovery++;
                }
                if (goodTicksInRecovery >= settings.recoveryTicks()) {
                    next = SystemMode.NORMAL;
                    why = goodTicksInRecovery == 1 ? "a good tick" : goodTicksInRecovery + " good ticks in a row";
                } else if (healthyChecksInRecovery >= settings.recoveryChecks()) {
                    next = SystemMode.NORMAL;
                    why = healthyChecksInRecovery + " healthy checks in a row";
                } else {
                    next = SystemMode.RECOVERY;
                    why = reason;
                }
            } else {
                next = SystemMode.NORMAL;
                why = "all healthy";
            }
            // A new cause in the same mode is published too (from == to), so nothing shows a stale reason;
            // a reason whose numbers alone moved (a latency) is not, so calls cannot flood the bus.
            if (next != mode || !causes(why).equals(causes(reason))) {
                // Published under the lock: two evaluations racing publish their changes in the order made.
                bus.publish(new TickEvent.ModeChanged(time.now(), mode, next, why));
                mode = next;
            }
            reason = why;
        }
    }

    /** A reason without its numbers: what it says, not how much. */
    private static String causes(String reason) {
        return reason == null ? "" : reason.replaceAll("\\d+", "#");
    }

    /**
     * The engine is stopping for good: the mode stays what it is from now on. Without this, the LLM call
     * the stop cuts off was reported as "the LLM did not answer", and the run ended DEGRADED (in the
     * closing summary, the last journal line and the notification) though Ollama was fine.
     */
    public void stopping() {
        stopping = true;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
