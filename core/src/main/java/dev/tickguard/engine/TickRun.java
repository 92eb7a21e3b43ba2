package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One tick: phase 1 in order (each step sees the outputs before it), then phase 2 all at once
 * (each sees phase 1). Applies the budgets, the tick limit and adaptive timeouts, stops early when a
 * CRITICAL step of phase 1 ends with no result at all, and completes with the tick's record.
 *
 * <p>The tick is a chain of continuations, not a thread: it moves on from whichever thread ended
 * the previous step (the step's own thread, or Failsafe's timer at a deadline), and runs the next
 * sequential step on that same thread when it is a free step thread. A healthy tick therefore
 * costs no thread hand-offs in phase 1; a step that hangs is simply left behind. Phases never
 * overlap, so the run's state needs no locking except the outputs and phase 2's slots.
 */
final class TickRun {
    private static final Logger LOG = Logger.getLogger(TickRun.class.getName());

    private final long tick;
    private final SystemMode mode;
    private final TickEngine.Parts parts;
    private final List<LoadedStep> sequential;
    private final List<LoadedStep> parallel;
    private final TickBudgets budgets;
    private final Map<String, JsonNode> outputs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<StepRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<StepResult>> inFlight = new ArrayList<>();
    private final CompletableFuture<TickRecord> done = new CompletableFuture<>();
    private volatile String stopReason;
    private volatile String abort;
    private Instant startedAt;
    private long startNanos;

    TickRun(long tick, SystemMode mode, TickEngine.Parts parts, List<LoadedStep> steps) {
        this.tick = tick;
        this.mode = mode;
        this.parts = parts;
        this.sequential = steps.stream().filter(s -> s.phase() == Phase.SEQUENTIAL).toList();
        this.parallel = steps.stream().filter(s -> s.phase() == Phase.PARALLEL).toList();
        this.budgets = new TickBudgets(parts.config().budgets());
    }

    /** Asks the tick to stop: running steps are cancelled, the rest are not started. */
    void stop(String reason) {
        stopReason = reason;
        List<CompletableFuture<StepResult>> running;
        synchronized (inFlight) {
            running = new ArrayList<>(inFlight);
        }
        running.forEach(f -> f.cancel(true));
    }

    /** Starts the tick; the future completes with its record (never exceptionally). */
    CompletableFuture<TickRecord> start() {
        startedAt = parts.time().now();
        startNanos = parts.time().nanoTime();
        if (mode == SystemMode.EMERGENCY) {
            TickRecord r = new TickRecord(tick, startedAt, 0, mode, true, "mode EMERGENCY: " + parts.health().reason(),
                    null, TickCounts.none(), parts.breakers().states(), List.of(), 0);
            parts.bus().publish(new TickEvent.TickSkipped(parts.time().now(), r));
            done.complete(r);
            return done;
        }
        parts.bus().publish(new TickEvent.TickStarted(startedAt, tick, mode));
        guarded(() -> runSequential(0));
        return done;
    }

    /** Runs sequential steps from {@code i} on; returns when a step continues the tick asynchronously. */
    private void runSequential(int i) {
        for (; i < sequential.size(); i++) {
            LoadedStep s = sequential.get(i);
            if (abort == null && stopReason != null) {
                abort = stopReason;
            }
            if (abort != null) {
                records.add(parts.runner().abort(s, context(s, Map.of()), abort, startNanos).record());
                continue;
            }
            StepResult skipped = skipIfNoTime(s, budgets.remaining(s.priority()), snapshot());
            if (skipped != null) {
                afterSequential(s, skipped, 0);
                continue;
            }
            long timeout = effectiveTimeout(s, tickLeft(), budgets.remaining(s.priority()));
            long t0 = parts.time().nanoTime();
            StepRunner.Prepared p = parts.runner().prepare(s, context(s, snapshot()), Duration.ofNanos(timeout),
                    startNanos, true);
            CompletableFuture<StepResult> f = track(p.result());
            int next = i + 1;
            f.whenComplete((r, e) -> guarded(() -> {
                untrack(p.result());
                afterSequential(s, r != null ? r : lost(s, e), parts.time().nanoTime() - t0);
                runSequential(next);
            }));
            p.start().run();
            return;
        }
        runParallel();
    }

    private void afterSequential(LoadedStep s, StepResult r, long usedNanos) {
        budgets.consume(s.priority(), usedNanos);
        records.add(r.record());
        if (r.value() != null) {
            outputs.put(s.id(), r.value());
        } else if (s.priority() == Priority.CRITICAL && stopReason == null && abort == null) {
            abort = "critical step '" + s.id() + "' has no result (" + r.record().error() + ")";
        }
    }

    private void runParallel() {
        if (abort == null && stopReason != null) {
            abort = stopReason;
        }
        Map<String, JsonNode> phase1 = snapshot();
        if (parallel.isEmpty() || abort != null) {
            for (LoadedStep s : parallel) {
                records.add(parts.runner().abort(s, context(s, phase1), abort, startNanos).record());
            }
            finish();
            return;
        }
        // Parallel steps of one priority share the window that remains for it when the phase starts.
        Map<Priority, Long> window = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            window.put(p, budgets.remaining(p));
        }
        long phaseStart = parts.time().nanoTime();
        StepResult[] slots = new StepResult[parallel.size()];
        AtomicInteger pending = new AtomicInteger(parallel.size() + 1);
        Runnable arrive = () -> {
            if (pending.decrementAndGet() == 0) {
                guarded(() -> afterParallel(slots, phaseStart));
            }
        };
        for (int k = 0; k < parallel.size(); k++) {
            LoadedStep s = parallel.get(k);
            StepResult skipped = skipIfNoTime(s, window.get(s.priority()), phase1);
            if (skipped != null) {
                slots[k] = skipped;
                arrive.run();
                continue;
            }
            long timeout = effectiveTimeout(s, tickLeft(), window.get(s.priority()));
            boolean last = k == parallel.size() - 1;
            StepRunner.Prepared p = parts.runner().prepare(s, context(s, phase1), Duration.ofNanos(timeout), startNanos,
                    last);
            int slot = k;
            track(p.result()).whenComplete((r, e) -> {
                untrack(p.result());
                slots[slot] = r != null ? r : lost(s, e);
                arrive.run();
            });
            // Each goes to the pool as soon as it is ready; the last one may run right here on this thread.
            p.start().run();
        }
        arrive.run();
    }

    private void afterParallel(StepResult[] slots, long phaseStart) {
        Map<Priority, Long> longest = new EnumMap<>(Priority.class);
        for (int k = 0; k < slots.length; k++) {
            StepResult r = slots[k];
            LoadedStep s = parallel.get(k);
            records.add(r.record());
            if (r.value() != null) {
                outputs.put(s.id(), r.value());
            }
            long endNanos = (r.record().startMs() + r.record().durationMs()) * 1_000_000 - (phaseStart - startNanos);
            longest.merge(s.priority(), Math.max(0, endNanos), Math::max);
        }
        longest.forEach(budgets::consume);
        finish();
    }

    private void finish() {
        long criticalOverrun = Math.max(0, -budgets.remaining(Priority.CRITICAL)) / 1_000_000;
        if (criticalOverrun > 0) {
            parts.bus().publish(new TickEvent.BudgetOverrun(parts.time().now(), tick, Priority.CRITICAL,
                    budgets.used(Priority.CRITICAL) / 1_000_000, budgets.budget(Priority.CRITICAL) / 1_000_000));
        }
        TickRecord r = new TickRecord(tick, startedAt, (parts.time().nanoTime() - startNanos) / 1_000_000, mode, false,
                null, abort, TickCounts.of(records), parts.breakers().states(), records, criticalOverrun);
        parts.bus().publish(new TickEvent.TickFinished(parts.time().now(), r));
        done.complete(r);
    }

    /** A budget- or time-limit skip with its fallback, or null if the step may run. */
    private StepResult skipIfNoTime(LoadedStep s, long budgetLeft, Map<String, JsonNode> visible) {
        TickguardConfig config = parts.config();
        if (s.priority() != Priority.CRITICAL && budgetLeft <= 0) {
            return parts.runner().skip(s, context(s, visible), StepCause.BUDGET, s.priority().label() + " budget of "
                    + config.budget(s.priority()).toMillis() + "ms spent", startNanos);
        }
        if (tickLeft() <= 0) {
            return parts.runner().skip(s, context(s, visible), StepCause.TICK_LIMIT, "tick limit of "
                    + config.tickLimit().toMillis() + "ms reached", startNanos);
        }
        return null;
    }

    /** The smaller of the step's (adaptive) timeout, its budget (unless CRITICAL) and the tick's time left. */
    private long effectiveTimeout(LoadedStep s, long tickLeft, long budgetLeft) {
        long t = parts.adaptive().timeoutFor(s.id(), s.timeout()).toNanos();
        if (s.priority() != Priority.CRITICAL) {
            t = Math.min(t, budgetLeft);
        }
        return Math.max(1_000_000, Math.min(t, tickLeft));
    }

    /**
     * Registers a running step for {@link #stop}. (The safety net for a pipeline that never answers is
     * the engine's wait for the whole tick: a per-step timer would cost a timer-thread wake-up per step.)
     */
    private CompletableFuture<StepResult> track(CompletableFuture<StepResult> f) {
        synchronized (inFlight) {
            inFlight.add(f);
        }
        return f;
    }

    private void untrack(CompletableFuture<StepResult> f) {
        synchronized (inFlight) {
            inFlight.remove(f);
        }
    }

    /** The record of a step whose future ended without a result (stopped, or the safety net fired). */
    private StepResult lost(LoadedStep s, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return parts.runner().abort(s, context(s, Map.of()), stopReason != null ? stopReason : String.valueOf(cause),
                startNanos);
    }

    /** Runs a piece of the tick; a bug in it ends the tick with a record instead of leaving it hanging. */
    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "tick " + tick + " failed inside the engine", e);
            abort = "engine error: " + e;
            if (!done.isDone()) {
                finish();
            }
        }
    }

    private TickStepContext context(LoadedStep s, Map<String, JsonNode> visible) {
        Path sandbox = parts.config().dataDir().resolve("sandbox").resolve(s.id());
        return new TickStepContext(tick, s.id(), visible, parts.llm(), parts.memory(), sandbox, mode,
                parts.config().step(s.id()).settings());
    }

    private Map<String, JsonNode> snapshot() {
        synchronized (outputs) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }
    }

    private long tickLeft() {
        return parts.config().tickLimit().toNanos() - (parts.time().nanoTime() - startNanos);
    }
}
