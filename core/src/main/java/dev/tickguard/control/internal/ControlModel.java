package dev.tickguard.control.internal;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.ControlListener;
import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.Histories;
import dev.tickguard.control.LlmEndpointStats;
import dev.tickguard.events.PluginInfo;
import dev.tickguard.events.PluginState;
import dev.tickguard.control.TickEntry;
import dev.tickguard.events.EngineState;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.ResultJson;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What the control API knows from the events: applied one at a time, in sequence order, on the bus
 * listener thread, and forwarded to subscribers while holding the same lock, so that a snapshot
 * taken under that lock plus the events forwarded after it never miss or repeat an event.
 * Subscribe it to the bus first thing (before plugins load), with {@link #attach(EventBus)}.
 * Thread-safe.
 */
public final class ControlModel implements Consumer<Sequenced<TickEvent>> {
    private static final Logger LOG = Logger.getLogger(ControlModel.class.getName());
    /** The model must see every event: a queue far deeper than a tick's burst. */
    private static final int QUEUE = 1 << 18;

    private final List<Delivery> subscribers = new CopyOnWriteArrayList<>();
    // Guarded by this.
    private long seq;
    private long gaps;
    private EngineState engineState = EngineState.NEW;
    private Duration interval;
    private long lastTick;
    private long runningTick;
    private SystemMode mode = SystemMode.NORMAL;
    private String modeReason = "starting";
    private final Map<String, TickEvent.BreakerChanged> lastTransition = new TreeMap<>();
    private List<Chaos> chaos = List.of();
    // By source, in the order they first appeared; a plugin's latest state replaces its earlier one.
    private final Map<String, PluginInfo> plugins = new LinkedHashMap<>();
    private final Map<Long, Map<String, ResultJson>> pendingResults = new HashMap<>();
    private final Map<String, Long> lastTickMs = new HashMap<>();
    private final LlmStatsRecorder llm = new LlmStatsRecorder();
    private final TickRing ticks = new TickRing();
    private final Ring<Sequenced<TickEvent.LlmCall>> llmCalls = new Ring<>(Histories.EVENTS);
    private final Ring<Sequenced<TickEvent.BreakerChanged>> breakerTransitions = new Ring<>(Histories.EVENTS);
    private final Ring<Sequenced<TickEvent.ModeChanged>> modeChanges = new Ring<>(Histories.EVENTS);
    private final Ring<Sequenced<TickEvent.EngineStateChanged>> engineChanges = new Ring<>(Histories.EVENTS);
    private final Ring<Sequenced<TickEvent.ChaosChanged>> chaosChanges = new Ring<>(Histories.EVENTS);
    private final Ring<Sequenced<TickEvent>> pluginEvents = new Ring<>(Histories.EVENTS);
    private final Ring<Sequenced<TickEvent.Notice>> notices = new Ring<>(Histories.EVENTS);

    private ControlModel() {
    }

    /** A model that listens to {@code bus} from now on. */
    public static ControlModel attach(EventBus bus) {
        ControlModel m = new ControlModel();
        bus.subscribeSequenced("control", m, QUEUE);
        return m;
    }

    /** Sets what no event has said yet: the engine's interval, the last tick number, the mode. */
    synchronized void initial(Duration interval, long lastTick, SystemMode mode, String reason) {
        if (this.interval == null) {
            this.interval = interval;
        }
        this.lastTick = Math.max(this.lastTick, lastTick);
        if (modeChanges.list().isEmpty()) {
            this.mode = mode;
            this.modeReason = reason;
        }
    }

    /** Puts ticks of earlier runs (from the journal) at the start of the tick history, with seq 0. */
    synchronized void preload(List<TickEntry> earlier) {
        List<TickEntry> now = ticks.list();
        earlier.forEach(ticks::add);
        now.forEach(ticks::add);
    }

    @Override
    public synchronized void accept(Sequenced<TickEvent> s) {
        if (seq != 0 && s.seq() != seq + 1) {
            gaps++;
            LOG.warning("control model missed events " + (seq + 1) + ".." + (s.seq() - 1));
        }
        seq = s.seq();
        apply(s);
        for (Delivery d : subscribers) {
            d.offer(s);
        }
    }

    @SuppressWarnings("unchecked")
    private <E extends TickEvent> Sequenced<E> as(Sequenced<TickEvent> s) {
        return (Sequenced<E>) s;
    }

    private void apply(Sequenced<TickEvent> s) {
        TickEvent e = s.event();
        if (e instanceof TickEvent.TickStarted t) {
            runningTick = t.tick();
            pendingResults.put(t.tick(), new LinkedHashMap<>());
        } else if (e instanceof TickEvent.StepFinished f) {
            if (f.result() != null) {
                pendingResults.computeIfAbsent(f.tick(), k -> new LinkedHashMap<>()).put(f.step().id(), f.result());
            }
        } else if (e instanceof TickEvent.TickFinished f) {
            endTick(s.seq(), f.record());
        } else if (e instanceof TickEvent.TickSkipped k) {
            endTick(s.seq(), k.record());
        } else if (e instanceof TickEvent.LlmCall c) {
            llm.record(c);
            llmCalls.add(as(s));
        } else if (e instanceof TickEvent.BreakerChanged b) {
            lastTransition.put(b.breaker(), b);
            breakerTransitions.add(as(s));
        } else if (e instanceof TickEvent.ModeChanged m) {
            mode = m.to();
            modeReason = m.reason();
            modeChanges.add(as(s));
        } else if (e instanceof TickEvent.EngineStateChanged c) {
            engineState = c.to();
            interval = c.interval();
            engineChanges.add(as(s));
        } else if (e instanceof TickEvent.ChaosChanged c) {
            chaos = c.active();
            chaosChanges.add(as(s));
        } else if (e instanceof TickEvent.PluginLoaded p) {
            plugins.put(p.source(), new PluginInfo(p.source(), PluginState.LOADED, p.stepIds(), null));
            pluginEvents.add(s);
        } else if (e instanceof TickEvent.PluginFailed p) {
            plugins.put(p.source(), new PluginInfo(p.source(), PluginState.FAILED, List.of(), p.reason()));
            pluginEvents.add(s);
        } else if (e instanceof TickEvent.PluginStateChanged p) {
            plugins.put(p.source(), new PluginInfo(p.source(), p.state(), p.stepIds(), p.reason(), p.pluginId(),
                    p.version(), p.description(), p.sha256()));
            pluginEvents.add(s);
        } else if (e instanceof TickEvent.PluginRemoved p) {
            plugins.remove(p.source());
            pluginEvents.add(s);
        } else if (e instanceof TickEvent.Notice) {
            notices.add(as(s));
        }
    }

    private void endTick(long seq, TickRecord r) {
        lastTick = Math.max(lastTick, r.tick());
        if (runningTick == r.tick()) {
            runningTick = 0;
        }
        Map<String, ResultJson> results = pendingResults.remove(r.tick());
        // Results of ticks that never ended (cancelled before TickFinished) are not kept forever.
        pendingResults.keySet().removeIf(t -> t < r.tick());
        ticks.add(new TickEntry(seq, r, results == null ? Map.of() : results));
        if (!r.skipped()) {
            lastTickMs.clear();
            for (StepRecord sr : r.steps()) {
                lastTickMs.put(sr.id(), sr.durationMs());
            }
        }
    }

    /**
     * Builds a snapshot with {@code build} and opens a subscription continuing from it, atomically
     * with respect to incoming events.
     */
    synchronized Delivery subscribe(ControlListener listener, Supplier<ControlSnapshot> build) {
        ControlSnapshot snapshot = build.get();
        Delivery[] self = new Delivery[1];
        Delivery d = new Delivery(snapshot, listener, () -> subscribers.remove(self[0]));
        self[0] = d;
        subscribers.add(d);
        d.start();
        return d;
    }

    // ------------------------------------------------------------------ reads (call while holding the lock for consistency)

    synchronized long seq() {
        return seq;
    }

    /** Events the model itself missed (its queue overflowed); 0 in a healthy run. */
    synchronized long gaps() {
        return gaps;
    }

    synchronized EngineState engineState() {
        return engineState;
    }

    synchronized Duration interval() {
        return interval;
    }

    synchronized long lastTick() {
        return lastTick;
    }

    synchronized long runningTick() {
        return runningTick;
    }

    synchronized SystemMode mode() {
        return mode;
    }

    synchronized String modeReason() {
        return modeReason;
    }

    synchronized Optional<TickEvent.BreakerChanged> lastTransition(String breaker) {
        return Optional.ofNullable(lastTransition.get(breaker));
    }

    synchronized List<Chaos> chaos() {
        return chaos;
    }

    synchronized List<PluginInfo> plugins() {
        return List.copyOf(plugins.values());
    }

    synchronized long lastTickMs(String step) {
        return lastTickMs.getOrDefault(step, -1L);
    }

    synchronized List<LlmEndpointStats> llmStats() {
        return llm.stats();
    }

    synchronized Histories histories() {
        return new Histories(ticks.list(), llmCalls.list(), breakerTransitions.list(), modeChanges.list(),
                engineChanges.list(), chaosChanges.list(), pluginEvents.list(), notices.list());
    }
}
