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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One tick: phase 1 in order (each step sees the outputs before it), then phase 2 all at once
 * (each sees phase 1). Applies the budgets, the tick limit and adaptive timeouts, stops early when a
 * CRITICAL step of phase 1 ends with no result at all, and returns the tick's record.
 * Used once, by one thread.
 */
final class TickRun {
    /** Extra wait beyond a step's deadline before the tick stops waiting for Failsafe itself. */
    private static final long SAFETY_MARGIN_MS = 5_000;

    private final long tick;
    private final SystemMode mode;
    private final TickEngine.Parts parts;
    private final List<LoadedStep> steps;
    private final TickBudgets budgets;
    private final Map<String, JsonNode> outputs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<StepRecord> records = new ArrayList<>();
    private final List<CompletableFuture<StepResult>> inFlight = new ArrayList<>();
    private volatile String stopReason;
    private long startNanos;

    TickRun(long tick, SystemMode mode, TickEngine.Parts parts, List<LoadedStep> steps) {
        this.tick = tick;
        this.mode = mode;
        this.parts = parts;
        this.steps = steps;
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

    TickRecord execute() {
        TickguardConfig config = parts.config();
        Instant startedAt = parts.time().now();
        startNanos = parts.time().nanoTime();
        if (mode == SystemMode.EMERGENCY) {
            TickRecord r = new TickRecord(tick, startedAt, 0, mode, true, "mode EMERGENCY: " + parts.health().reason(),
                    null, TickCounts.none(), parts.breakers().states(), List.of(), 0);
            parts.bus().publish(new TickEvent.TickSkipped(parts.time().now(), r));
            return r;
        }
        parts.bus().publish(new TickEvent.TickStarted(startedAt, tick, mode));
        long limitNanos = config.tickLimit().toNanos();
        String abort = null;

        for (LoadedStep s : steps) {
            if (s.phase() != Phase.SEQUENTIAL) {
                continue;
            }
            if (abort == null && stopReason != null) {
                abort = stopReason;
            }
            if (abort != null) {
                records.add(parts.runner().abort(s, context(s, Map.of()), abort, startNanos).record());
                continue;
            }
            long tickLeft = limitNanos - elapsed();
            StepResult r;
            if (!budgets.allows(s.priority())) {
                r = parts.runner().skip(s, context(s, snapshot()), StepCause.BUDGET,
                        s.priority().label() + " budget of " + config.budget(s.priority()).toMillis() + "ms spent",
                        startNanos);
            } else if (tickLeft <= 0) {
                r = parts.runner().skip(s, context(s, snapshot()), StepCause.TICK_LIMIT,
                        "tick limit of " + config.tickLimit().toMillis() + "ms reached", startNanos);
            } else {
                long timeout = effectiveTimeout(s, tickLeft, budgets.remaining(s.priority()));
                long t0 = parts.time().nanoTime();
                r = await(s, parts.runner().run(s, context(s, snapshot()), Duration.ofNanos(timeout), startNanos), timeout);
                budgets.consume(s.priority(), parts.time().nanoTime() - t0);
            }
            records.add(r.record());
            if (r.value() != null) {
                outputs.put(s.id(), r.value());
            } else if (s.priority() == Priority.CRITICAL && stopReason == null) {
                abort = "critical step '" + s.id() + "' has no result (" + r.record().error() + ")";
            }
        }

        if (abort == null && stopReason != null) {
            abort = stopReason;
        }
        runParallel(abort);

        long criticalOverrun = Math.max(0, -budgets.remaining(Priority.CRITICAL)) / 1_000_000;
        if (criticalOverrun > 0) {
            parts.bus().publish(new TickEvent.BudgetOverrun(parts.time().now(), tick, Priority.CRITICAL,
                    budgets.used(Priority.CRITICAL) / 1_000_000, budgets.budget(Priority.CRITICAL) / 1_000_000));
        }
        TickRecord r = new TickRecord(tick, startedAt, elapsed() / 1_000_000, mode, false, null, abort,
                TickCounts.of(records), parts.breakers().states(), records, criticalOverrun);
        parts.bus().publish(new TickEvent.TickFinished(parts.time().now(), r));
        return r;
    }

    private void runParallel(String abort) {
        List<LoadedStep> parallel = steps.stream().filter(s -> s.phase() == Phase.PARALLEL).toList();
        if (parallel.isEmpty()) {
            return;
        }
        Map<String, JsonNode> phase1 = snapshot();
        if (abort != null) {
            for (LoadedStep s : parallel) {
                records.add(parts.runner().abort(s, context(s, phase1), abort, startNanos).record());
            }
            return;
        }
        // Parallel steps of one priority share the window that remains for it when the phase starts.
        Map<Priority, Long> window = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            window.put(p, budgets.remaining(p));
        }
        long tickLeft = parts.config().tickLimit().toNanos() - elapsed();
        long phaseStart = parts.time().nanoTime();
        List<LoadedStep> started = new ArrayList<>();
        List<CompletableFuture<StepResult>> futures = new ArrayList<>();
        List<Long> timeouts = new ArrayList<>();
        for (LoadedStep s : parallel) {
            if (!budgets.allows(s.priority())) {
                records.add(parts.runner().skip(s, context(s, phase1), StepCause.BUDGET, s.priority().label()
                        + " budget of " + parts.config().budget(s.priority()).toMillis() + "ms spent", startNanos).record());
            } else if (tickLeft <= 0) {
                records.add(parts.runner().skip(s, context(s, phase1), StepCause.TICK_LIMIT, "tick limit of "
                        + parts.config().tickLimit().toMillis() + "ms reached", startNanos).record());
            } else {
                long timeout = effectiveTimeout(s, tickLeft, window.get(s.priority()));
                CompletableFuture<StepResult> f = parts.runner().run(s, context(s, phase1), Duration.ofNanos(timeout),
                        startNanos);
                synchronized (inFlight) {
                    inFlight.add(f);
                }
                started.add(s);
                futures.add(f);
                timeouts.add(timeout);
            }
        }
        Map<Priority, Long> longest = new EnumMap<>(Priority.class);
        for (int i = 0; i < started.size(); i++) {
            LoadedStep s = started.get(i);
            StepResult r = await(s, futures.get(i), timeouts.get(i));
            records.add(r.record());
            if (r.value() != null) {
                outputs.put(s.id(), r.value());
            }
            longest.merge(s.priority(), r.record().startMs() * 1_000_000 + r.record().durationMs() * 1_000_000
                    - (phaseStart - startNanos), Math::max);
        }
        longest.forEach((p, nanos) -> budgets.consume(p, Math.max(0, nanos)));
    }

    /** The smaller of the step's (adaptive) timeout, its budget (unless CRITICAL) and the tick's time left. */
    private long effectiveTimeout(LoadedStep s, long tickLeft, long budgetLeft) {
        long t = parts.adaptive().timeoutFor(s.id(), s.timeout()).toNanos();
        if (s.priority() != Priority.CRITICAL) {
            t = Math.min(t, budgetLeft);
        }
        return Math.max(1_000_000, Math.min(t, tickLeft));
    }

    private StepResult await(LoadedStep s, CompletableFuture<StepResult> f, long timeoutNanos) {
        synchronized (inFlight) {
            inFlight.add(f);
        }
        try {
            return f.get(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + SAFETY_MARGIN_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Failsafe should have timed the step out long ago; never let the tick hang on it.
            f.cancel(true);
            return parts.runner().skip(s, context(s, snapshot()), StepCause.TIMEOUT,
                    "no answer from the step's pipeline " + SAFETY_MARGIN_MS + "ms after its deadline", startNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop("engine interrupted");
            return parts.runner().abort(s, context(s, Map.of()), "engine interrupted", startNanos);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return parts.runner().abort(s, context(s, Map.of()), stopReason != null ? stopReason : String.valueOf(e),
                    startNanos);
        } finally {
            synchronized (inFlight) {
                inFlight.remove(f);
            }
        }
    }

    private TickStepContext context(LoadedStep s, Map<String, JsonNode> visible) {
        Path sandbox = parts.config().dataDir().resolve("sandbox").resolve(s.id());
        return new TickStepContext(tick, s.id(), visible, parts.llm(), parts.memory(), sandbox, mode);
    }

    private Map<String, JsonNode> snapshot() {
        synchronized (outputs) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }
    }

    private long elapsed() {
        return parts.time().nanoTime() - startNanos;
    }
}
