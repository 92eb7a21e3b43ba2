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
import dev.tickguard.control.TickguardControl;
import dev.tickguard.engine.LoadedStep;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.EngineState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.ollama.FaultInjector;
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
     * @param journal the tick journal to reload the history from, or {@code null}
     */
    public static EngineControl create(TickEngine engine, ControlModel model, FaultInjector llmFaults,
                                       PluginRegistry plugins, Path journal, TimeSource time) {
        EngineControl c = create(engine, model, llmFaults, List.of(), journal, time);
        return new EngineControl(engine, model, c.chaos, List.of(), Objects.requireNonNull(plugins, "plugins"));
    }

    /**
     * The control of {@code engine}.
     *
     * @param model attached to the engine's bus before anything was published
     * @param llmFaults the LLM's fault injector, or {@code null} if it has none
     * @param discovered every step discovery found (to list disabled ones too)
     * @param journal the tick journal to reload the history from, or {@code null}
     */
    public static EngineControl create(TickEngine engine, ControlModel model, FaultInjector llmFaults,
                                       List<TickEngine.Discovered> discovered, Path journal, TimeSource time) {
        // Asked at each change, not once: a plugin loaded later can be targeted too.
        ActiveChaos chaos = new ActiveChaos(engine.breakers(), engine.stepFaults(), llmFaults,
                () -> engine.steps().stream().map(LoadedStep::id).toList(), engine.bus(), time);
        if (journal != null) {
            model.preload(lastTicks(engine, journal));
        }
        model.initial(engine.interval(), engine.lastTick(), engine.health().mode(), engine.health().reason());
        return new EngineControl(engine, model, chaos, discovered, null);
    }

    /**
     * The last ticks for the timeline, oldest first: from the database (it holds every retained tick,
     * also those imported from the file-based version); from the journal mirror if it cannot be read.
     */
    private static List<dev.tickguard.events.TickRecord> lastTicks(TickEngine engine, Path journal) {
        try {
            List<dev.tickguard.events.TickRecord> out = new java.util.ArrayList<>();
            for (dev.tickguard.persist.TickStore.Entry e : engine.store().page(
                    dev.tickguard.persist.TickStore.Query.newest(Histories.TICKS))) {
                out.add(0, e.record());
            }
            return out;
        } catch (java.sql.SQLException | RuntimeException e) {
            java.util.logging.Logger.getLogger(EngineControl.class.getName()).warning("cannot read the history from "
                    + engine.database().file() + " (" + e.getMessage() + "); reading the journal mirror");
            return JournalTicks.last(journal, Histories.TICKS);
        }
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

    /** Waits for a registry change (never for a tick) and rethrows its refusal as it was. */
    private static void apply(java.util.concurrent.CompletableFuture<Void> change) {
        try {
            change.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ history and events

    @Override
    public Histories histories() {
        return model.histories();
    }

    @Override
    public List<dev.tickguard.control.TickEntry> history(dev.tickguard.control.HistoryQuery q) {
        dev.tickguard.persist.TickStore.Query sq = new dev.tickguard.persist.TickStore.Query(q.beforeTick(), q.since(),
                q.until(), q.mode(), q.step(), q.outcome() == null ? null : q.outcome().name(), q.cause(), q.limit());
        try {
            List<dev.tickguard.control.TickEntry> out = new java.util.ArrayList<>();
            for (dev.tickguard.persist.TickStore.Entry e : engine.store().page(sq)) {
                java.util.Map<String, dev.tickguard.events.ResultJson> results = new java.util.LinkedHashMap<>();
                e.results().forEach((id, json) -> results.put(id, dev.tickguard.events.ResultJson.of(json)));
                out.add(new dev.tickguard.control.TickEntry(0, e.record(), results));
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the history from " + engine.database().file() + ": "
                    + e.getMessage(), e);
        }
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
