package dev.tickguard.bus;

import dev.tickguard.events.PluginState;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes events as the log lines of the design note, e.g.
 * {@code [HeavyTick #1] Executing critical step 'monologue' (timeout=30s)} and
 * {@code [HeavyTick #42] Completed. Critical: 5, Important: 4, Optional: 3, Fallbacks: 2, Skipped: 0}.
 * Subscribe it to the bus.
 */
public final class TickLog implements Consumer<TickEvent> {
    private final Logger log;
    private final java.util.function.Function<TickRecord, String> afterSummary;

    /** Logs to the {@code tickguard} logger. */
    public TickLog() {
        this(Logger.getLogger("tickguard"), null);
    }

    /**
     * @param log where to write
     * @param afterSummary a line to log right after each tick's summary (e.g. the Ollama statistics), or null
     */
    public TickLog(Logger log, java.util.function.Function<TickRecord, String> afterSummary) {
        this.log = log;
        this.afterSummary = afterSummary;
    }

    @Override
    public void accept(TickEvent event) {
        if (event instanceof TickEvent.StepStarted e) {
            log.info(() -> "[HeavyTick #" + e.tick() + "] Executing " + e.priority().label() + " step '" + e.stepId()
                    + "' (timeout=" + seconds(e.timeoutMs()) + ")");
        } else if (event instanceof TickEvent.StepFinished e) {
            stepFinished(e.tick(), e.step());
        } else if (event instanceof TickEvent.TickFinished e) {
            TickRecord r = e.record();
            if (r.abortReason() != null) {
                log.warning("[HeavyTick #" + r.tick() + "] Stopped early: " + r.abortReason());
            }
            if (log.isLoggable(Level.INFO)) {
                log.info(TickSummary.line(r));
            }
            if (afterSummary != null && log.isLoggable(Level.INFO)) {
                log.info(afterSummary.apply(r));
            }
        } else if (event instanceof TickEvent.TickSkipped e) {
            log.warning("[HeavyTick #" + e.record().tick() + "] Skipped: " + e.record().skipReason());
        } else if (event instanceof TickEvent.ChaosChanged e) {
            // Every change the user makes is in the log: chaos added, changed, removed, cleared.
            String what = switch (e.action()) {
                case ADDED -> "added " + e.chaos();
                case CHANGED -> "changed to " + e.chaos();
                case REMOVED -> "removed " + e.chaos();
                case CLEARED -> "cleared";
            };
            log.warning("[Chaos] " + what + "; active: " + (e.active().isEmpty() ? "none"
                    : e.active().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "))));
        } else if (event instanceof TickEvent.EngineStateChanged e) {
            if (e.from() != e.to()) {
                log.info("[Tickguard] " + e.from().name().toLowerCase(java.util.Locale.ROOT) + " -> "
                        + e.to().name().toLowerCase(java.util.Locale.ROOT));
            } else {
                log.info("[Tickguard] interval set to " + seconds(e.interval().toMillis()));
            }
        } else if (event instanceof TickEvent.BreakerChanged e) {
            log.log(e.to().refusesCalls() ? Level.WARNING : Level.INFO, "[CircuitBreaker:" + e.breaker() + "] "
                    + e.from() + " -> " + e.to() + " (" + e.reason() + ")");
        } else if (event instanceof TickEvent.ModeChanged e) {
            log.log(e.to() == dev.tickguard.spi.SystemMode.NORMAL || e.to() == dev.tickguard.spi.SystemMode.RECOVERY
                    ? Level.INFO : Level.WARNING, "[HealthMonitor] " + (e.from() == e.to() ? "Still " + e.to() + ", now: "
                    : "Mode " + e.from() + " -> " + e.to() + ": ") + e.reason());
        } else if (event instanceof TickEvent.StepAbandoned e) {
            log.warning("[HeavyTick #" + e.tick() + "] Step '" + e.stepId() + "' ignored its deadline; thread "
                    + e.thread() + " abandoned (" + e.abandonedNow() + " abandoned now)");
        } else if (event instanceof TickEvent.FallbackFailed e) {
            log.warning("[HeavyTick #" + e.tick() + "] Step '" + e.stepId() + "': its "
                    + (e.link() == dev.tickguard.events.FallbackSource.CUSTOM ? "fallback" : "safe default")
                    + (e.thread() != null ? " did not return by its deadline; thread " + e.thread() + " abandoned"
                    : " threw " + e.error()) + "; the next fallback is tried");
        } else if (event instanceof TickEvent.BudgetOverrun e) {
            log.warning("[HeavyTick #" + e.tick() + "] " + e.priority().label() + " steps used " + e.usedMs()
                    + "ms of their " + e.budgetMs() + "ms budget");
        } else if (event instanceof TickEvent.PluginLoaded e) {
            log.info("[Plugins] " + e.source() + ": " + String.join(", ", e.stepIds()));
        } else if (event instanceof TickEvent.PluginFailed e) {
            log.warning("[Plugins] " + e.source() + " not loaded: " + e.reason());
        } else if (event instanceof TickEvent.PluginStateChanged e) {
            String who = "[Plugins] " + e.pluginId() + " " + e.version() + " (" + e.source() + "): ";
            if (e.state() == PluginState.LOADED) {
                log.info(who + "LOADED, steps " + String.join(", ", e.stepIds()));
            } else {
                log.warning(who + e.state() + ": " + e.reason());
            }
        } else if (event instanceof TickEvent.PluginRemoved e) {
            log.info("[Plugins] " + e.pluginId() + " (" + e.source() + "): removed");
        } else if (event instanceof TickEvent.Notice e) {
            log.warning("[" + e.source() + "] " + e.message());
        } else if (event instanceof TickEvent.LlmCall e) {
            log.fine(() -> "[LLM] " + e.operation() + " " + e.model() + " " + e.latencyMs() + "ms "
                    + (e.success() ? "ok" : "failed: " + e.error()));
        } else if (event instanceof TickEvent.HealthChecked e) {
            log.fine(() -> "[HealthMonitor] " + e.results());
        }
    }

    private void stepFinished(long tick, StepRecord s) {
        Level level = switch (s.outcome()) {
            case SUCCESS -> Level.INFO;
            case FALLBACK, SKIPPED -> Level.WARNING;
            case FAILED -> Level.SEVERE;
        };
        if (!log.isLoggable(level)) {
            return; // no line is built for a level nobody sees
        }
        String prefix = "[HeavyTick #" + tick + "] Step '" + s.id() + "' ";
        switch (s.outcome()) {
            case SUCCESS -> log.info(prefix + "completed successfully (" + s.durationMs() + "ms"
                    + (s.ranOn() != null ? ", " + s.ranOn() : "") + ")");
            case FALLBACK -> log.warning(prefix + (notRun(s.cause()) ? "not run (" : "failed (") + s.cause().label()
                    + ": " + s.error() + "), using " + s.fallback().label() + " fallback");
            case SKIPPED -> log.warning(prefix + "skipped (" + s.cause().label() + ": " + s.error() + ")"
                    + (s.fallback() != null ? ", using " + s.fallback().label() + " fallback" : ""));
            case FAILED -> log.severe(prefix + "failed (" + s.cause().label() + ": " + s.error()
                    + ") and no fallback had a result");
        }
    }

    /** Refused before it started: its breaker is open or forced open, or its earlier run is still hung. */
    private static boolean notRun(StepCause c) {
        return c == StepCause.BREAKER_OPEN || c == StepCause.FORCED || c == StepCause.HUNG;
    }

    /**
     * 30000 -> "30s", 2500 -> "2.5s", 20 -> "0.02s". Plain arithmetic: this runs for every step started,
     * on the window's FX thread too, where String.format and a regex compiled per call were a quarter of
     * the pump's work under an event storm (issue 18, bench/run ui-storm).
     */
    static String seconds(long ms) {
        long abs = Math.abs(ms);
        StringBuilder b = new StringBuilder(12).append(ms < 0 ? "-" : "").append(abs / 1000);
        long frac = abs % 1000;
        if (frac != 0) {
            b.append('.').append((char) ('0' + frac / 100));
            if (frac % 100 != 0) {
                b.append((char) ('0' + frac / 10 % 10));
                if (frac % 10 != 0) {
                    b.append((char) ('0' + frac % 10));
                }
            }
        }
        return b.append('s').toString();
    }
}
