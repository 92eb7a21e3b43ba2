package dev.tickguard.control.internal;

import dev.tickguard.engine.StepFaults;
import dev.tickguard.config.StepOverride;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.control.BreakerStatus;
import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.ControlListener;
import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.ControlSubscription;
import dev.tickguard.control.EngineStatus;
import dev.tickguard.control.Histories;
import dev.tickguard.control.LlmEndpointStats;
import dev.tickguard.events.PluginInfo;
import dev.tickguard.plugin.PluginRegistry;
import dev.tickguard.control.StepInfo;
import dev.tickguard.control.TickEntry;
import dev.tickguard.control.TickQuery;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.engine.LoadedStep;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.EngineState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.ollama.FaultInjector;
import dev.tickguard.ollama.PoolFaults;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link TickguardControl} of one engine. Build it with {@link #create} before starting the
 * engine; the {@link ControlModel} must have been attached to the engine's bus before anything was
 * published (before plugin discovery). Thread-safe.
 */
public final class EngineControl implements TickguardControl {
    private final TickEngine engine;
    private final ControlModel model;
    private final ActiveChaos chaos;
    private final List<TickEngine.Discovered> discovered;
    private final PluginRegistry plugins;

    private volatile dev.tickguard.ollama.OllamaPool pool;

    private EngineControl(TickEngine engine, ControlModel model, ActiveChaos chaos,
                          List<TickEngine.Discovered> discovered, PluginRegistry plugins) {
        this.engine = engine;
        this.model = model;
        this.chaos = chaos;
        this.discovered = List.copyOf(discovered);
        this.plugins = plugins;
    }

    /**
     * The control of {@code engine}, whose steps {@code plugins} manages (built-in and plugins, with
     * their states and the enable, disable and approve commands).
     *
     * @param model attached to the engine's bus before anything was published
     * @param llmFaults the LLM's fault injector, or {@code null} if it has none
     * @param reloadHistory true to start the recent history with the last ticks of the database
     */
    public static EngineControl create(TickEngine engine, ControlModel model, FaultInjector llmFaults,
                                       PluginRegistry plugins, boolean reloadHistory, TimeSource time) {
        return createWithPool(engine, model, llmFaults == null ? null : PoolFaults.single(llmFaults), plugins, reloadHistory, time);
    }

    /**
     * The control of {@code engine} with an Ollama pool: chaos reaches each endpoint's injector.
     *
     * @param llmFaults the pool's fault injectors, or {@code null} if the LLM has none
     */
    public static EngineControl createWithPool(TickEngine engine, ControlModel model, PoolFaults llmFaults,
                                               PluginRegistry plugins, boolean reloadHistory, TimeSource time) {
        EngineControl c = createWithPool(engine, model, llmFaults, List.of(), reloadHistory, time);
        return new EngineControl(engine, model, c.chaos, List.of(), Objects.requireNonNull(plugins, "plugins"));
    }

    /**
     * The control of {@code engine}.
     *
     * @param model attached to the engine's bus before anything was published
     * @param llmFaults the LLM's fault injector, or {@code null} if it has none
     * @param discovered every step discovery found (to list disabled ones too)
     * @param reloadHistory true to start the recent history with the last ticks of the database
     */
    public static EngineControl create(TickEngine engine, ControlModel model, FaultInjector llmFaults,
                                       List<TickEngine.Discovered> discovered, boolean reloadHistory, TimeSource time) {
        return createWithPool(engine, model, llmFaults == null ? null : PoolFaults.single(llmFaults), discovered, reloadHistory,
                time);
    }

    /** The control of {@code engine} with an Ollama pool's fault injectors (or {@code null}). */
    public static EngineControl createWithPool(TickEngine engine, ControlModel model, PoolFaults llmFaults,
                                               List<TickEngine.Discovered> discovered, boolean reloadHistory, TimeSource time) {
        // Asked at each change, not once: a plugin loaded later can be targeted too.
        ActiveChaos chaos = new ActiveChaos(engine.breakers(), engine.stepFaults(), llmFaults,
                () -> engine.steps().stream().map(LoadedStep::id).toList(), engine.bus(), time);
        chaos.remote(engine.remote());
        if (reloadHistory) {
            model.preload(StoredTicks.last(engine.store(), Histories.TICKS));
        }
        model.initial(engine.interval(), engine.lastTick(), engine.health().mode(), engine.health().reason());
        return new EngineControl(engine, model, chaos, discovered, null);
    }

    // ------------------------------------------------------------------ remote workers

    @Override
    public List<dev.tickguard.events.WorkerInfo> workers() {
        return engine.remote().link().map(dev.tickguard.remote.AgentLink::workers).orElse(List.of());
    }

    @Override
    public List<dev.tickguard.events.PoisonMessage> poisonMessages() {
        return engine.remote().link().map(dev.tickguard.remote.AgentLink::poison).orElse(List.of());
    }

    @Override
    public java.util.Optional<dev.tickguard.events.RemoteStats> remoteStats() {
        return engine.remote().link().map(dev.tickguard.remote.AgentLink::stats);
    }

    // ------------------------------------------------------------------ engine

    @Override
    public void start() {
        engine.start();
    }

    @Override
    public void pause() {
        engine.pause();
    }

    @Override
    public void resume() {
        engine.resume();
    }

    @Override
    public void runNow() {
        engine.runNow();
    }

    @Override
    public void setInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must be zero or more, not " + interval);
        }
        engine.setInterval(interval);
    }

    @Override
    public void stop() {
        engine.stop();
    }

    @Override
    public EngineStatus engine() {
        return new EngineStatus(EngineState.valueOf(engine.state().name()), engine.interval(), model.lastTick(),
                model.runningTick(), engine.health().mode(), engine.health().reason(),
                engine.abandonedThreads().current(), engine.bus().dropped());
    }

    private EngineStatus engineFromModel() {
        return new EngineStatus(model.engineState(), model.interval(), model.lastTick(), model.runningTick(),
                model.mode(), model.modeReason(), engine.abandonedThreads().current(), engine.bus().dropped());
    }

    // ------------------------------------------------------------------ breakers

    @Override
    public List<BreakerStatus> breakers() {
        List<BreakerStatus> out = new ArrayList<>();
        for (String n : engine.breakers().names()) {
            out.add(status(engine.breakers().find(n).orElseThrow(), false));
        }
        return out;
    }

    @Override
    public Optional<BreakerStatus> breaker(String name) {
        return engine.breakers().find(name).map(b -> status(b, false));
    }

    /** @param fromModel take the state from the events (for a snapshot), else read it now */
    private BreakerStatus status(Breaker b, boolean fromModel) {
        Optional<TickEvent.BreakerChanged> last = model.lastTransition(b.name());
        BreakerState state = fromModel && last.isPresent() ? last.get().to() : b.state();
        BreakerState circuit = b.circuitState();
        BreakerMode mode = state == BreakerState.FORCED_OPEN ? BreakerMode.FORCE_OPEN
                : state == BreakerState.FORCED_CLOSED ? BreakerMode.FORCE_CLOSED : BreakerMode.AUTO;
        var snap = b.snapshot();
        double rate = snap.executions() == 0 ? 1.0 : (double) snap.successes() / snap.executions();
        Duration untilHalfOpen = circuit == BreakerState.OPEN ? Duration.ofMillis(snap.remainingDelayMs()) : Duration.ZERO;
        boolean ready = circuit == BreakerState.OPEN && snap.remainingDelayMs() <= 0;
        return new BreakerStatus(b.name(), state, circuit, mode, ready, b.consecutiveFailures(), rate,
                snap.executions(), untilHalfOpen, last.orElse(null));
    }

    @Override
    public void setBreakerMode(String name, BreakerMode mode) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        chaos.setBreakerMode(name, mode);
    }

    // ------------------------------------------------------------------ chaos

    @Override
    public List<Chaos> chaos() {
        return chaos.list();
    }

    @Override
    public void addChaos(Chaos c) {
        chaos.add(Objects.requireNonNull(c, "chaos"));
    }

    @Override
    public void changeChaos(Chaos c) {
        chaos.change(Objects.requireNonNull(c, "chaos"));
    }

    @Override
    public boolean removeChaos(String key) {
        return chaos.remove(Objects.requireNonNull(key, "key"));
    }

    @Override
    public void clearChaos() {
        chaos.clear();
    }

    // ------------------------------------------------------------------ LLM, steps, plugins

    @Override
    public List<LlmEndpointStats> llmStats() {
        return model.llmStats();
    }

    @Override
    public List<dev.tickguard.events.OllamaEndpointStatus> ollamaEndpoints() {
        dev.tickguard.ollama.OllamaPool p = pool;
        return p == null ? List.of() : p.statuses();
    }

    /** Shows this pool's servers through {@link #ollamaEndpoints()} (the app's LLM). */
    public EngineControl showing(dev.tickguard.ollama.OllamaPool pool) {
        this.pool = pool;
        return this;
    }

    @Override
    public List<StepInfo> steps() {
        Map<String, Duration> current = engine.adaptiveTimeouts().current();
        List<StepInfo> out = new ArrayList<>();
        Set<String> loaded = new HashSet<>();
        for (LoadedStep s : engine.steps()) {
            loaded.add(s.id());
            out.add(new StepInfo(s.id(), s.priority(), s.phase(), s.order(), s.timeout(),
                    current.getOrDefault(s.id(), s.timeout()), model.lastTickMs(s.id()), s.source(), true,
                    s.breaker().name()));
        }
        TickguardConfig config = engine.config();
        Set<String> userDisabled = plugins != null ? plugins.disabledSteps() : Set.of();
        for (TickEngine.Discovered d : plugins != null ? plugins.allSteps() : discovered) {
            try {
                String id = d.step().id();
                StepOverride o = config.step(id);
                if (!loaded.contains(id) && (!o.isEnabled() || userDisabled.contains(id))) {
                    Duration t = o.timeout() != null ? o.timeout() : d.step().timeout();
                    out.add(new StepInfo(id, o.priority() != null ? o.priority() : d.step().priority(),
                            d.step().phase(), d.step().order(), t, t, -1, d.source(), false, "step:" + id));
                }
            } catch (RuntimeException | LinkageError e) {
                // A step that cannot describe itself was reported when it was loaded; nothing to list.
            }
        }
        return out;
    }

    @Override
    public List<PluginInfo> plugins() {
        return plugins != null ? plugins.list() : model.plugins();
    }

    @Override
    public void enablePlugin(String pluginId) {
        apply(registry().enable(pluginId));
    }

    @Override
    public void disablePlugin(String pluginId) {
        apply(registry().disable(pluginId));
    }

    @Override
    public void approvePlugin(String sha256) {
        apply(registry().approve(sha256));
    }

    @Override
    public void enableStep(String stepId) {
        apply(registry().enableStep(stepId));
    }

    @Override
    public void disableStep(String stepId) {
        apply(registry().disableStep(stepId));
    }

    private PluginRegistry registry() {
        if (plugins == null) {
            throw new IllegalStateException("this control has no plugin registry");
        }
        return plugins;
    }

    /**
     * How long a plugin command waits for the plugin manager. Its plugin code runs under the hook limit,
     * so a change normally ends well within this; past it, the command answers (the change stays queued)
     * so that the console and the control API stay responsive and {@code quit} is always read.
     */
    static final java.time.Duration PLUGIN_CHANGE_WAIT = java.time.Duration.ofSeconds(15);

    /** Waits (bounded) for a registry change (never for a tick) and rethrows its refusal as it was. */
    private static void apply(java.util.concurrent.CompletableFuture<Void> change) {
        try {
            change.get(PLUGIN_CHANGE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the plugin manager is still busy after " + PLUGIN_CHANGE_WAIT.toSeconds()
                    + " s (a plugin's hook is slow): the change is queued and applies when it is free; see 'plugin list'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the plugin manager", e);
        }
    }

    // ------------------------------------------------------------------ history and events

    @Override
    public Histories histories() {
        return model.histories();
    }

    @Override
    public List<TickEntry> history(TickQuery q) {
        Objects.requireNonNull(q, "query");
        return StoredTicks.page(engine.store(), q);
    }

    @Override
    public ControlSnapshot snapshot() {
        synchronized (model) {
            return build();
        }
    }

    /** Call while holding the model's lock. */
    private ControlSnapshot build() {
        List<BreakerStatus> breakers = new ArrayList<>();
        for (String n : engine.breakers().names()) {
            breakers.add(status(engine.breakers().find(n).orElseThrow(), true));
        }
        return new ControlSnapshot(model.seq(), engineFromModel(), breakers, model.chaos(), model.llmStats(), steps(),
                model.plugins(), model.histories());
    }

    @Override
    public ControlSubscription subscribe(ControlListener listener) {
        Objects.requireNonNull(listener, "listener");
        return model.subscribe(listener, this::build);
    }

    /** The step faults, for tests. */
    StepFaults stepFaults() {
        return engine.stepFaults();
    }
}
