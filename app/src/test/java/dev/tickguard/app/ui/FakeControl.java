package dev.tickguard.app.ui;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.BreakerStatus;
import dev.tickguard.control.ControlListener;
import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.ControlSubscription;
import dev.tickguard.control.EngineStatus;
import dev.tickguard.control.Histories;
import dev.tickguard.control.LlmEndpointStats;
import dev.tickguard.control.StepInfo;
import dev.tickguard.control.TickEntry;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.EngineState;
import dev.tickguard.events.PluginInfo;
import dev.tickguard.spi.SystemMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A control API for view-model tests: returns the snapshot the test sets and records every command.
 * The window tests use the real control API on a real engine instead.
 */
final class FakeControl implements TickguardControl {
    final List<String> calls = new ArrayList<>();
    /** What the remote-worker methods return. */
    List<dev.tickguard.events.WorkerInfo> workers = List.of();
    List<dev.tickguard.events.PoisonMessage> poison = List.of();
    dev.tickguard.events.RemoteStats remote;
    /** The Chaos values added or changed, as sent. */
    final List<Chaos> chaosSent = new ArrayList<>();
    /** What ollamaEndpoints() answers (the pool's servers). */
    List<dev.tickguard.events.OllamaEndpointStatus> endpoints = List.of();
    ControlSnapshot snapshot = snapshot(0, List.of(breaker("ollama:chat", BreakerState.CLOSED, BreakerMode.AUTO)),
            List.of(), List.of(), List.of());

    static BreakerStatus breaker(String name, BreakerState state, BreakerMode mode) {
        BreakerState circuit = state.isForced() ? BreakerState.CLOSED : state;
        return new BreakerStatus(name, state, circuit, mode, false, 0, 1.0, 0,
                state == BreakerState.OPEN ? Duration.ofSeconds(42) : Duration.ZERO, null);
    }

    static ControlSnapshot snapshot(long seq, List<BreakerStatus> breakers, List<Chaos> chaos, List<TickEntry> ticks,
                                    List<PluginInfo> plugins) {
        return new ControlSnapshot(seq,
                new EngineStatus(EngineState.RUNNING, Duration.ofSeconds(60), ticks.size(), 0, SystemMode.NORMAL, "all healthy",
                        0, 0),
                breakers, chaos, List.<LlmEndpointStats>of(), List.<StepInfo>of(), plugins,
                new Histories(ticks, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    @Override
    public void start() {
        calls.add("start");
    }

    @Override
    public void pause() {
        calls.add("pause");
    }

    @Override
    public void resume() {
        calls.add("resume");
    }

    @Override
    public void runNow() {
        calls.add("runNow");
    }

    @Override
    public void setInterval(Duration interval) {
        calls.add("interval " + interval.toMillis());
    }

    @Override
    public void stop() {
        calls.add("stop");
    }

    @Override
    public EngineStatus engine() {
        return snapshot.engine();
    }

    @Override
    public List<BreakerStatus> breakers() {
        return snapshot.breakers();
    }

    @Override
    public Optional<BreakerStatus> breaker(String name) {
        return snapshot.breakers().stream().filter(b -> b.name().equals(name)).findFirst();
    }

    @Override
    public void setBreakerMode(String name, BreakerMode mode) {
        calls.add("breaker " + name + " " + mode);
    }

    @Override
    public List<Chaos> chaos() {
        return snapshot.chaos();
    }

    @Override
    public void addChaos(Chaos chaos) {
        chaosSent.add(chaos);
        calls.add("add " + chaos);
    }

    @Override
    public void changeChaos(Chaos chaos) {
        chaosSent.add(chaos);
        calls.add("change " + chaos);
    }

    @Override
    public boolean removeChaos(String key) {
        calls.add("remove " + key);
        return true;
    }

    @Override
    public void clearChaos() {
        calls.add("clear");
    }

    @Override
    public List<dev.tickguard.events.OllamaEndpointStatus> ollamaEndpoints() {
        return endpoints;
    }

    @Override
    public List<LlmEndpointStats> llmStats() {
        return snapshot.llm();
    }

    @Override
    public List<StepInfo> steps() {
        return snapshot.steps();
    }

    @Override
    public List<PluginInfo> plugins() {
        return snapshot.plugins();
    }

    @Override
    public void enablePlugin(String pluginId) {
        calls.add("enablePlugin " + pluginId);
    }

    @Override
    public void disablePlugin(String pluginId) {
        calls.add("disablePlugin " + pluginId);
    }

    @Override
    public void approvePlugin(String sha256) {
        calls.add("approvePlugin " + sha256);
    }

    @Override
    public void enableStep(String stepId) {
        calls.add("enableStep " + stepId);
    }

    @Override
    public void disableStep(String stepId) {
        calls.add("disableStep " + stepId);
    }

    @Override
    public Histories histories() {
        return snapshot.histories();
    }

    /** The stored history: every tick of the snapshot's history and {@link #stored}, filtered like the database. */
    final List<TickEntry> stored = new ArrayList<>();
    /** Thrown by {@link #history} when set (a database that cannot be read). */
    RuntimeException historyFailure;

    @Override
    public List<TickEntry> history(dev.tickguard.control.TickQuery q) {
        calls.add("history " + q.beforeTick());
        if (historyFailure != null) {
            throw historyFailure;
        }
        List<TickEntry> all = new ArrayList<>(stored);
        all.addAll(snapshot.histories().ticks());
        all.sort(java.util.Comparator.comparingLong((TickEntry t) -> t.record().tick()).reversed());
        return all.stream()
                .filter(t -> q.beforeTick() == null || t.record().tick() < q.beforeTick())
                .filter(t -> q.mode() == null || t.record().mode() == q.mode())
                .filter(t -> q.step() == null || t.record().steps().stream().anyMatch(s -> s.id().equals(q.step())
                        && (q.outcome() == null || s.outcome() == q.outcome())))
                .filter(t -> q.until() == null || t.record().startedAt().isBefore(q.until()))
                .limit(q.limit()).toList();
    }

    @Override
    public ControlSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public ControlSubscription subscribe(ControlListener listener) {
        ControlSnapshot s = snapshot;
        return new ControlSubscription() {
            private boolean open = true;

            @Override
            public ControlSnapshot snapshot() {
                return s;
            }

            @Override
            public long lastDelivered() {
                return s.seq();
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    @Override
    public List<dev.tickguard.events.WorkerInfo> workers() {
        return workers;
    }

    @Override
    public List<dev.tickguard.events.PoisonMessage> poisonMessages() {
        return poison;
    }

    @Override
    public Optional<dev.tickguard.events.RemoteStats> remoteStats() {
        return Optional.ofNullable(remote);
    }
}
