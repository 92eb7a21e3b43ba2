package dev.tickguard.events;

import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.time.Instant;
import java.util.List;

/**
 * A transition inside Tickguard. Immutable records; every event says when it happened.
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

    /** A step has a result (its own, a fallback, or none) or was skipped. */
    record StepFinished(Instant at, long tick, StepRecord step) implements TickEvent {
    }

    /** A step ignored its deadline and interruption: its thread was left behind, the tick went on. */
    record StepAbandoned(Instant at, long tick, String stepId, String thread, long abandonedNow) implements TickEvent {
    }

    /** The critical budget of a tick was overrun (reported, never enforced). */
    record BudgetOverrun(Instant at, long tick, Priority priority, long usedMs, long budgetMs) implements TickEvent {
    }

    /** A breaker moved between states, by itself or forced by chaos. */
    record BreakerChanged(Instant at, String breaker, BreakerState from, BreakerState to, String reason)
            implements TickEvent {
    }

    /** The system mode changed. */
    record ModeChanged(Instant at, SystemMode from, SystemMode to, String reason) implements TickEvent {
    }

    /** The health checks ran. */
    record HealthChecked(Instant at, List<CheckResult> results) implements TickEvent {
        public HealthChecked {
            results = List.copyOf(results);
        }
    }

    /** One call to the LLM finished (successfully or not). */
    record LlmCall(Instant at, String operation, String model, long latencyMs, boolean success, String error)
            implements TickEvent {
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
     */
    record PluginStateChanged(Instant at, String pluginId, String version, String source, PluginState state,
                              String reason, List<String> stepIds) implements TickEvent {
        public PluginStateChanged {
            stepIds = List.copyOf(stepIds);
        }
    }

    /** A plugin's file or folder left the plugins folder; its steps no longer run from the next tick. */
    record PluginRemoved(Instant at, String pluginId, String source) implements TickEvent {
    }

    /** A one-off notice for the user, e.g. "Ollama is unreachable: start it or use --simulator". */
    record Notice(Instant at, String source, String message) implements TickEvent {
    }
}
