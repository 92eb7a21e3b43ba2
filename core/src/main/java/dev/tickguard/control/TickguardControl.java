package dev.tickguard.control;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.PluginInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point through which a front end (the dashboard, the headless stdin commands, the
 * Prometheus endpoint, a test) watches and steers a running Tickguard. Front ends use nothing else
 * of the core: not the engine, not its breakers or fault injectors.
 *
 * <p><b>Contract.</b> Thread-safe: every method may be called from any thread, also while ticks run.
 * Everything returned is immutable and never changes afterwards (read again for newer values).
 * Every change made through this interface is published as an event
 * ({@code EngineStateChanged}, {@code BreakerChanged}, {@code ChaosChanged}) that subscribers
 * receive in order with everything else. Methods that change something return once the change is in
 * effect; they never wait for a tick. Arguments are checked: an unknown breaker or step, or a fault
 * that cannot be applied, is refused with an {@link IllegalArgumentException} whose message names it.
 *
 * <p><b>Watching.</b> {@link #subscribe(ControlListener)} gives a {@link ControlSnapshot} of
 * everything plus the events after it, numbered without gap or duplicate, so a view can open at any
 * time:
 * <pre>{@code
 * ControlSubscription sub = control.subscribe(e -> {
 *     if (e.event() instanceof TickEvent.BreakerChanged b) {
 *         System.out.println(e.seq() + " " + b.breaker() + " -> " + b.to());
 *     }
 * });
 * show(sub.snapshot());                       // the state as of sub.snapshot().seq()
 * control.setBreakerMode("ollama:chat", BreakerMode.FORCE_OPEN);   // arrives as a BreakerChanged
 * }</pre>
 */
public interface TickguardControl {

    // ------------------------------------------------------------------ engine

    /** Starts ticking (the first tick at once). Does nothing if already started or stopped. */
    void start();

    /** No new tick starts until {@link #resume()}; a running tick finishes. Run-now still works. */
    void pause();

    /** Ends a pause; the next tick starts when due. */
    void resume();

    /**
     * Starts a tick as soon as the running one (if any) ends, even while paused. Requests made before
     * that tick starts count once.
     */
    void runNow();

    /**
     * Changes the time between tick starts, from the next wait on.
     *
     * @param interval zero or more; zero = back to back
     */
    void setInterval(Duration interval);

    /** Stops for good: cancels a running tick (its record is still journaled). */
    void stop();

    /** The engine's state now. */
    EngineStatus engine();

    // ------------------------------------------------------------------ breakers

    /** Every breaker, sorted by name. */
    List<BreakerStatus> breakers();

    /** One breaker, if it exists. */
    Optional<BreakerStatus> breaker(String name);

    /**
     * Sets who decides a breaker's state. Forced modes are sticky until set back to
     * {@link BreakerMode#AUTO}; then the breaker goes on from its own state. A forced mode is an
     * active fault, {@code force-open:<name>} or {@code force-closed:<name>}: this is the same as
     * adding that fault, and AUTO the same as removing it (see {@link #chaos()}).
     *
     * @throws IllegalArgumentException if there is no breaker of that name
     */
    void setBreakerMode(String name, BreakerMode mode);

    // ------------------------------------------------------------------ chaos

    /**
     * The active faults, in the order they were added; a forced breaker is one of them
     * ({@code force-open:<breaker>} or {@code force-closed:<breaker>}, whichever way it was forced).
     */
    List<Chaos> chaos();

    /**
     * Switches a fault on; it applies from the next call (of the step, of the LLM). Forcing a breaker
     * replaces its force the other way, if any: a breaker is forced one way at most.
     *
     * @throws IllegalArgumentException if a fault with the same {@link Chaos#key()} is active, or the
     *                                  step or breaker does not exist
     */
    void addChaos(Chaos chaos);

    /**
     * Replaces the active fault with the same {@link Chaos#key()}, e.g. a new delay or trigger.
     *
     * @throws IllegalArgumentException if no fault with that key is active
     */
    void changeChaos(Chaos chaos);

    /**
     * Switches a fault off. Removing a hang releases the threads it holds; removing a breaker's force
     * sets it back to {@link BreakerMode#AUTO}.
     *
     * @param key the fault's {@link Chaos#key()}, e.g. {@code "hang:goal_selection"}
     * @return false if no fault with that key was active
     */
    boolean removeChaos(String key);

    /** Switches every fault off (forced breakers back to AUTO) and releases every hung thread. */
    void clearChaos();

    // ------------------------------------------------------------------ LLM, steps, plugins

    /** Statistics per LLM endpoint: {@code chat}, then {@code embed}. */
    List<LlmEndpointStats> llmStats();

    /** Every step, in run order, disabled ones last. */
    List<StepInfo> steps();

    /**
     * Every plugin and its state (LOADED, FAILED, DISABLED, QUARANTINED), the built-in steps first,
     * then in the order they appeared.
     */
    List<PluginInfo> plugins();

    /**
     * Switches a plugin on again: clears a disable or a quarantine (remembered across restarts). It
     * loads from the next tick; the change arrives as a {@code PluginStateChanged}.
     *
     * @throws IllegalArgumentException if no plugin has that id, or config.yaml disables it
     *                                  ({@code plugins.disabled})
     */
    void enablePlugin(String pluginId);

    /**
     * Switches a plugin off from the next tick (remembered); its {@code close()} hooks run after its
     * last tick.
     *
     * @throws IllegalArgumentException if no plugin has that id, or it is the built-in steps
     */
    void disablePlugin(String pluginId);

    /**
     * Approves a plugin JAR by its SHA-256 (see {@link PluginInfo#sha256()}) for
     * {@code plugins.trust: pinned} (remembered); a plugin whose JARs are all approved loads from the
     * next tick.
     *
     * @throws IllegalArgumentException if the text is not a SHA-256 digest
     */
    void approvePlugin(String sha256);

    /**
     * Switches a step on again (remembered). A step disabled in config.yaml stays off.
     *
     * @throws IllegalArgumentException if no built-in step or loaded plugin has that step
     */
    void enableStep(String stepId);

    /**
     * Switches a step off from the next tick (remembered).
     *
     * @throws IllegalArgumentException if no built-in step or loaded plugin has that step
     */
    void disableStep(String stepId);

    // ------------------------------------------------------------------ history and events

    /** Recent history (ticks, LLM calls, breaker, mode, engine and chaos changes, plugins, notices). */
    Histories histories();

    /**
     * A page of every retained tick (in the database, surviving restarts), newest first, each with its
     * steps' results ({@code seq} 0: read back, not live). Reads the disk: call it off the UI thread.
     * A control without a database (e.g. a test double) has no history beyond {@link #histories()}.
     *
     * @throws IllegalStateException if the database cannot be read (the message says why)
     */
    default java.util.List<TickEntry> history(HistoryQuery query) {
        return java.util.List.of();
    }

    /** Everything at once, consistent as of one event (see {@link ControlSnapshot}). */
    ControlSnapshot snapshot();

    /**
     * A snapshot plus every event after it, delivered to {@code listener} in order on a thread of its
     * own, with no gap and no duplicate, until the subscription is closed.
     */
    ControlSubscription subscribe(ControlListener listener);
}
