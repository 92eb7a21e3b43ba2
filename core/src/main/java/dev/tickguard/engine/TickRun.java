package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * <p>The tick is a chain of continuations, not a thread: it moves on from whichever step thread
 * ended the previous step (the step's own thread, or a fresh one if the step was abandoned at its
 * deadline: the timer thread only signals), and runs the next sequential step on that same thread,
 * so a healthy tick costs no thread hand-offs in phase 1. Nothing of the tick's progress ever
 * waits for a step's thread to return: a step that hangs is simply left behind, wherever it is in
 * the chain (the last parallel step runs on the launching thread only after every launch is
 * counted). Phases never overlap, so the run's state needs no locking except the outputs, the
 * running steps and phase 2's slots.
 */
final class TickRun {
    private static final Logger LOG = Logger.getLogger(TickRun.class.getName());

    private final long tick;
    private final SystemMode mode;
    /** Why the system was in {@link #mode} when the tick started (the badge's words), for the journal. */
    private final String modeReason;
    private final TickEngine.Parts parts;
    private final List<LoadedStep> sequential;
    private final List<LoadedStep> parallel;
    private final TickBudgets budgets;
    private final Outputs outputs;
    private final List<StepRecord> records = Collections.synchronizedList(new ArrayList<>());
    /** The running attempts, for {@link #stop}: slot i for sequential step i, then the parallel ones. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<StepAttempt> running;
    private final CompletableFuture<TickRecord> done = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile String stopReason;
    private volatile String abort;
    private Instant startedAt;
    private long startNanos;

    /** The interrupted tick this run resumes (its finished steps are restored, not run), or null. */
    private final TickResume.Plan plan;
    private final List<String> restoredIds = Collections.synchronizedList(new ArrayList<>());

    TickRun(long tick, SystemMode mode, String modeReason, TickEngine.Parts parts, List<LoadedStep> steps,
            TickResume.Plan plan) {
        this.tick = tick;
        this.plan = plan;
        this.mode = mode;
        this.modeReason = modeReason;
        this.parts = parts;
        // A plain loop, not streams: this runs every tick, often in a fresh (interpreted) JVM.
        List<LoadedStep> seq = new ArrayList<>();
        List<LoadedStep> par = new ArrayList<>();
        for (LoadedStep s : steps) {
            (s.phase() == dev.tickguard.spi.Phase.SEQUENTIAL ? seq : par).add(s);
        }
        this.sequential = seq;
        this.parallel = par;
        this.outputs = new Outputs(steps.size());
        this.running = new java.util.concurrent.atomic.AtomicReferenceArray<>(steps.size());
        this.budgets = new TickBudgets(parts.config().budgets());
    }

    /** Asks the tick to stop: running steps are cancelled, the rest are not started. */
    void stop(String reason) {
        stopReason = reason;
        for (int i = 0; i < running.length(); i++) {
            StepAttempt a = running.get(i);
            if (a != null) {
                a.stop(reason);
            }
        }
    }

    /**
     * Ends the tick now with the records it has, if it has not ended: the last resort when a stop
     * did not end it in time (a bug in the engine, never a step: steps are abandoned instead).
     */
    void forceFinish(String reason) {
        if (abort == null) {
            abort = reason;
        }
        finish();
    }

    /** Starts the tick; the future completes with its record (never exceptionally). */
    CompletableFuture<TickRecord> start() {
        // A resumed tick keeps its start time; its time limit and budgets start afresh.
        startedAt = plan != null ? plan.startedAt() : parts.time().now();
        startNanos = parts.time().nanoTime();
        if (mode == SystemMode.EMERGENCY) {
            TickRecord r = new TickRecord(tick, startedAt, 0, mode, true, "mode EMERGENCY: " + parts.health().reason(),
                    null, TickCounts.none(), parts.breakers().states(), List.of(), 0, plan != null, List.of(), modeReason);
            parts.writes().finished(r);
            parts.bus().publish(new TickEvent.TickSkipped(parts.time().now(), r));
            done.complete(r);
            return done;
        }
        parts.writes().started(tick, startedAt, mode, modeReason);
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
            StepResult restored = plan == null ? null : plan.restored(s.id());
            if (restored != null) {
                // It ended before the process died: its record and result are restored, it is not run again.
                restoredIds.add(s.id());
                afterSequential(s, restored, 0);
                continue;
            }
            if (abort != null) {
                records.add(persist(i, s, parts.runner().abort(s, context(s, Map.of()), abort, startNanos)).record());
                continue;
            }
            Map<String, JsonNode> visible = outputs.view();
            long budgetLeft = budgets.remaining(s.priority());
            StepResult skipped = skipIfNoTime(s, budgetLeft, visible);
            if (skipped != null) {
                afterSequential(s, persist(i, s, skipped), 0);
                continue;
            }
            long timeout = effectiveTimeout(s, tickLeft(), budgetLeft);
            long t0 = parts.time().nanoTime();
            int next = i + 1;
            int slot = i;
            parts.runner().run(s, context(s, visible), timeout, startNanos, true, a -> track(slot, a), r -> guarded(() -> {
                running.set(slot, null);
                afterSequential(s, persist(slot, s, r), parts.time().nanoTime() - t0);
                runSequential(next);
            }));
            // The rest of the tick goes on from the step's continuation (which may already have run, right here).
            return;
        }
        runParallel();
    }

    private void afterSequential(LoadedStep s, StepResult r, long usedNanos) {
        budgets.consume(s.priority(), usedNanos);
        records.add(r.record());
        if (r.value() != null) {
            outputs.add(s.id(), r.value());
        } else if (s.priority() == Priority.CRITICAL && stopReason == null && abort == null) {
            abort = "critical step '" + s.id() + "' has no result (" + r.record().error() + ")";
        }
    }

    private void runParallel() {
        if (abort == null && stopReason != null) {
            abort = stopReason;
        }
        Map<String, JsonNode> phase1 = outputs.view();
        if (parallel.isEmpty() || abort != null) {
            for (int k = 0; k < parallel.size(); k++) {
                LoadedStep s = parallel.get(k);
                StepResult restored = plan == null ? null : plan.restored(s.id());
                if (restored != null) {
                    restoredIds.add(s.id());
                    records.add(restored.record());
                } else {
                    records.add(persist(sequential.size() + k, s, parts.runner().abort(s, context(s, phase1), abort,
                            startNanos)).record());
                }
            }
            finish();
            return;
        }
        // Parallel steps of one priority share the window that remains for it when the phase starts.
        long[] window = new long[TickBudgets.PRIORITIES.length];
        for (Priority p : TickBudgets.PRIORITIES) {
            window[p.ordinal()] = budgets.remaining(p);
        }
        long phaseStart = parts.time().nanoTime();
        StepResult[] slots = new StepResult[parallel.size()];
        AtomicInteger pending = new AtomicInteger(parallel.size() + 1);
        Runnable arrive = () -> {
            if (pending.decrementAndGet() == 0) {
                guarded(() -> afterParallel(slots, phaseStart));
            }
        };
        // Each step but the last is handed to a step thread at once and prepared there (budget, timeout,
        // context, breaker), so the launches cost one hand-off each and the preparations overlap; the last
        // one is prepared and run right here.
        int last = parallel.size() - 1;
        for (int k = 0; k < last; k++) {
            int slot = k;
            if (!parts.runner().onStepThread(() -> guarded(() -> launchParallel(slot, phase1, window, slots, arrive, true)))) {
                // Refused (the engine is closing): prepared here, the run itself is refused too and ends with that.
                launchParallel(slot, phase1, window, slots, arrive, false);
            }
        }
        // Every launch is counted before the last step may run here on this thread: if it hangs, only its
        // own arrival is missing, and its deadline's hand-over brings that.
        arrive.run();
        launchParallel(last, phase1, window, slots, arrive, true);
    }

    /** Runs parallel step {@code k} (on this thread if {@code inline} and it is a step thread), or skips it if its window is spent. */
    private void launchParallel(int k, Map<String, JsonNode> phase1, long[] window, StepResult[] slots,
                                Runnable arrive, boolean inline) {
        LoadedStep s = parallel.get(k);
        int slot = sequential.size() + k;
        StepResult restored = plan == null ? null : plan.restored(s.id());
        if (restored != null) {
            restoredIds.add(s.id());
            slots[k] = restored;
            arrive.run();
            return;
        }
        String stopped = stopReason;
        if (stopped != null) {
            // The tick was stopped before this thread got to the step: it is not started at all.
            slots[k] = persist(slot, s, parts.runner().abort(s, context(s, phase1), stopped, startNanos));
            arrive.run();
            return;
        }
        StepResult skipped = skipIfNoTime(s, window[s.priority().ordinal()], phase1);
        if (skipped != null) {
            slots[k] = persist(slot, s, skipped);
            arrive.run();
            return;
        }
        long timeout = effectiveTimeout(s, tickLeft(), window[s.priority().ordinal()]);
        parts.runner().run(s, context(s, phase1), timeout, startNanos, inline, a -> track(slot, a), r -> {
            running.set(slot, null);
            slots[k] = persist(slot, s, r);
            arrive.run();
        });
    }

    private void afterParallel(StepResult[] slots, long phaseStart) {
        long[] longest = new long[TickBudgets.PRIORITIES.length];
        for (int k = 0; k < slots.length; k++) {
            StepResult r = slots[k];
            LoadedStep s = parallel.get(k);
            records.add(r.record());
            // A stop that reached a step of this phase ended the tick early: it says why, like a stop in phase 1.
            if (abort == null && r.record().cause() == StepCause.ABORTED) {
                abort = stopReason != null ? stopReason : r.record().error();
            }
            if (r.value() != null) {
                outputs.add(s.id(), r.value());
            }
            long endNanos = (r.record().startMs() + r.record().durationMs()) * 1_000_000 - (phaseStart - startNanos);
            longest[s.priority().ordinal()] = Math.max(longest[s.priority().ordinal()], endNanos);
        }
        for (Priority p : TickBudgets.PRIORITIES) {
            budgets.consume(p, longest[p.ordinal()]);
        }
        finish();
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        long criticalOverrun = Math.max(0, -budgets.remaining(Priority.CRITICAL)) / 1_000_000;
        if (criticalOverrun > 0) {
            parts.bus().publish(new TickEvent.BudgetOverrun(parts.time().now(), tick, Priority.CRITICAL,
                    budgets.used(Priority.CRITICAL) / 1_000_000, budgets.budget(Priority.CRITICAL) / 1_000_000));
        }
        TickRecord r = new TickRecord(tick, startedAt, (parts.time().nanoTime() - startNanos) / 1_000_000, mode, false,
                null, abort, TickCounts.of(records), parts.breakers().states(), records, criticalOverrun, plan != null,
                restoredOrder(), modeReason);
        parts.writes().finished(r);
        parts.bus().publish(new TickEvent.TickFinished(parts.time().now(), r));
        done.complete(r);
    }

    /**
     * Hands a step's run to the database (an enqueue; the commit is grouped off the tick's path, in
     * order, so it is on disk before any later step's record or memory write).
     */
    private StepResult persist(int slot, LoadedStep s, StepResult r) {
        parts.writes().step(tick, tick + "/" + s.id(), slot, r.record(), r.value());
        return r;
    }

    /** The restored steps in run order (parallel ones may have been restored in any order). */
    private List<String> restoredOrder() {
        if (restoredIds.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (StepRecord rec : records) {
            if (restoredIds.contains(rec.id())) {
                out.add(rec.id());
            }
        }
        return out;
    }

    /** A budget- or time-limit skip with its fallback, or null if the step may run. */
    private StepResult skipIfNoTime(LoadedStep s, long budgetLeft, Map<String, JsonNode> visible) {
        TickguardConfig config = parts.config();
        if (s.priority() != Priority.CRITICAL && budgetLeft <= 0) {
            return parts.runner().skip(s, context(s, visible), StepCause.BUDGET, s.priority().label() + " budget of "
                    + config.budgets().of(s.priority()).toMillis() + "ms spent", startNanos);
        }
        if (tickLeft() <= 0) {
            return parts.runner().skip(s, context(s, visible), StepCause.TICK_LIMIT, "tick limit of "
                    + config.tick().limit().toMillis() + "ms reached", startNanos);
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

    /** Registers a running step for {@link #stop}; a stop that came first reaches it too. */
    private void track(int slot, StepAttempt a) {
        running.set(slot, a);
        String reason = stopReason;
        if (reason != null) {
            a.stop(reason);
        }
    }

    /** Runs a piece of the tick; a bug in it ends the tick with a record instead of leaving it hanging. */
    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "tick " + tick + " failed inside the engine", e);
            abort = "engine error: " + e;
            finish();
        }
    }

    private TickStepContext context(LoadedStep s, Map<String, JsonNode> visible) {
        return new TickStepContext(tick, s.id(), visible, parts.llm(), parts.memory(), parts.sandbox(s.id()), mode,
                parts.config().step(s.id()).settings(), parts.states());
    }

    private long tickLeft() {
        return parts.config().tick().limit().toNanos() - (parts.time().nanoTime() - startNanos);
    }
}
