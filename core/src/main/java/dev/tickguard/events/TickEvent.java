package dev.tickguard.events;

import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.chaos.Chaos;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A transition inside Tickguard. Immutable records; every event says when it happened.
 *
 * <p>Events carry no sequence number of their own: the event bus numbers each publication and
 * hands sequenced listeners a {@link Sequenced} envelope ({@code seq()} + {@code event()}).
 */
public sealed interface TickEvent {

    /** When the event happened. */
    Instant at();

    /** A tick began (after the mode check let it run). */
    record TickStarted(Instant at, long tick, SystemMode mode) implements TickEvent {
    }

    /** A tick ran to its end (or stopped early: see {@link TickRecord#abortReason()}). */
    record TickFinished(Instant at, TickRecord record) implements TickEvent {
    }

    /** A tick was not run at all, e.g. because the system is in EMERGENCY mode. */
    record TickSkipped(Instant at, TickRecord record) implements TickEvent {
    }

    /** A step is about to run with the given effective timeout. */
    record StepStarted(Instant at, long tick, String stepId, Priority priority, Phase phase, long timeoutMs)
            implements TickEvent {
    }

    /**
     * A step has a result (its own, a fallback, or none) or was skipped.
     *
     * @param result the result as capped JSON text, or {@code null} when there is none
     */
    record StepFinished(Instant at, long tick, StepRecord step, ResultJson result) implements TickEvent {
        /** A finished step whose result is not reported. */
        public StepFinished(Instant at, long tick, StepRecord step) {
            this(at, tick, step, null);
        }
    }

    /** A step ignored its deadline and interruption: its thread was left behind, the tick went on. */
    record StepAbandoned(Instant at, long tick, String stepId, String thread, long abandonedNow) implements TickEvent {
    }

    /**
     * A link of a step's fallback chain that is the step's own code (its {@code fallback}, its safe
     * default) threw or did not return by its deadline; the chain went on with the next link.
     *
     * @param link {@code CUSTOM} or {@code DEFAULT}
     * @param error what it threw, or {@code null} if it hung
     * @param thread the thread left behind if it hung, or {@code null}
     */
    record FallbackFailed(Instant at, long tick, String stepId, FallbackSource link, String error, String thread)
            implements TickEvent {
    }

    /** The critical budget of a tick was overrun (reported, never enforced). */
    record BudgetOverrun(Instant at, long tick, Priority priority, long usedMs, long budgetMs) implements TickEvent {
    }

    /** A breaker moved between states, by itself or forced by chaos. */
    record BreakerChanged(Instant at, String breaker, BreakerState from, BreakerState to, String reason)
            implements TickEvent {
    }

    /**
     * The system mode changed, or its reason did ({@code from == to}: the same mode for another cause,
     * e.g. a second breaker opened); a reason whose numbers alone moved is not published.
     */
    record ModeChanged(Instant at, SystemMode from, SystemMode to, String reason) implements TickEvent {
    }

    /** The health checks ran. */
    record HealthChecked(Instant at, List<CheckResult> results) implements TickEvent {
        public HealthChecked {
            results = List.copyOf(results);
        }
    }

    /**
     * One call to the LLM finished (successfully or not), or was refused by its breaker.
     *
     * @param operation the endpoint: {@code "chat"} or {@code "embed"}
     * @param latencyMs the whole call, retries included
     * @param success true if it returned an answer
     * @param error the failure's short cause, or {@code null}
     * @param refused true if its breaker refused it (open or forced open): no request was sent
     * @param retries how many times it was retried (0: answered or failed at the first attempt)
     * @param ttftMs time to the first streamed token, or -1 (not streamed, or no token came)
     * @param endpoint the pool endpoint that served the call (or failed last), or {@code null} if none was tried
     * @param failedOver the endpoints the call failed on before, in order (empty: none)
     * @param stepId the step that made the call, or {@code null} outside a step
     * @param tick that step's tick, or -1
     */
    record LlmCall(Instant at, String operation, String model, long latencyMs, boolean success, String error,
                   boolean refused, int retries, long ttftMs, String endpoint, List<String> failedOver, String stepId,
                   long tick) implements TickEvent {
        public LlmCall {
            failedOver = failedOver == null ? List.of() : List.copyOf(failedOver);
        }

        /** A call with no endpoint or step information. */
        public LlmCall(Instant at, String operation, String model, long latencyMs, boolean success, String error,
                       boolean refused, int retries, long ttftMs) {
            this(at, operation, model, latencyMs, success, error, refused, retries, ttftMs, null, List.of(), null, -1);
        }

        /** A call that was sent once, with no streaming information. */
        public LlmCall(Instant at, String operation, String model, long latencyMs, boolean success, String error) {
            this(at, operation, model, latencyMs, success, error, false, 0, -1);
        }

        /** Who served it, e.g. {@code gpu1} or {@code gpu2 (after gpu1)}; "" if no endpoint was tried. */
        public String servedBy() {
            if (endpoint == null) {
                return "";
            }
            return failedOver.isEmpty() ? endpoint : endpoint + " (after " + String.join(", ", failedOver) + ")";
        }
    }

    /** A plugin JAR (or the built-in steps) was loaded and provided these steps. */
    record PluginLoaded(Instant at, String source, List<String> stepIds) implements TickEvent {
        public PluginLoaded {
            stepIds = List.copyOf(stepIds);
        }
    }

    /** A plugin JAR or one of its steps could not be loaded. */
    record PluginFailed(Instant at, String source, String reason) implements TickEvent {
    }

    /**
     * A plugin in the plugins folder entered a state, or its reason or version changed.
     *
     * @param pluginId the plugin's id (its manifest's {@code Tickguard-Plugin-Id}, else its file name)
     * @param version its version ({@code Tickguard-Plugin-Version}), or {@code "unversioned"}
     * @param source its file or folder name in the plugins folder
     * @param state its new state
     * @param reason why (FAILED, DISABLED, QUARANTINED), or {@code null} when LOADED
     * @param stepIds the steps it provides (empty unless it was loaded far enough to know)
     * @param description its one-line description ({@code Tickguard-Plugin-Description}), possibly empty
     * @param sha256 the SHA-256 of each of its JARs, by path inside the plugins folder
     */
    record PluginStateChanged(Instant at, String pluginId, String version, String source, PluginState state,
                              String reason, List<String> stepIds, String description,
                              java.util.Map<String, String> sha256) implements TickEvent {
        public PluginStateChanged {
            stepIds = List.copyOf(stepIds);
            sha256 = java.util.Map.copyOf(sha256);
        }
    }

    /** A plugin's file or folder left the plugins folder; its steps no longer run from the next tick. */
    record PluginRemoved(Instant at, String pluginId, String source) implements TickEvent {
    }

    /** A one-off notice for the user, e.g. "Ollama is unreachable: start it or use --simulator". */
    record Notice(Instant at, String source, String message) implements TickEvent {
    }

    /**
     * The engine was started, paused, resumed or stopped, or its interval changed.
     *
     * @param interval the interval between tick starts from now on
     */
    record EngineStateChanged(Instant at, EngineState from, EngineState to, Duration interval) implements TickEvent {
    }

    /**
     * The active chaos changed (from the command line, a front end, or the stdin commands).
     *
     * @param action what happened
     * @param chaos the fault added, changed or removed; {@code null} for {@link Action#CLEARED}
     * @param active every fault active from now on, in the order they were added
     */
    record ChaosChanged(Instant at, Action action, Chaos chaos, List<Chaos> active) implements TickEvent {
        public ChaosChanged {
            active = List.copyOf(active);
        }

        /** What changed. */
        public enum Action { ADDED, CHANGED, REMOVED, CLEARED }
    }
}
