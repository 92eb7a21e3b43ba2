package dev.tickguard.control.internal;

import dev.tickguard.engine.StepFaults;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.chaos.Chaos;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickEvent.ChaosChanged.Action;
import dev.tickguard.ollama.FaultInjector;
import dev.tickguard.ollama.PoolFaults;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;

/**
 * What the user forced, in one model: the active faults, and the one place that switches them on and
 * off: step faults in {@link StepFaults}, LLM faults in the {@link FaultInjector}, forced breakers in
 * the registry. A forced breaker is a breaker mode and a fault at once ({@code force-open:<breaker>} or
 * {@code force-closed:<breaker>}, at most one per breaker), so {@link #setBreakerMode} is only another
 * way to add or remove that entry: forcing adds it, AUTO removes it, and removing it (or clearing)
 * sets the breaker back to AUTO. Every change is published ({@code BreakerChanged}, then
 * {@code ChaosChanged}) while holding this object's lock, so the events follow the changes' order.
 * Thread-safe.
 */
public final class ActiveChaos {
    private final BreakerRegistry breakers;
    private final StepFaults steps;
    /** The pool's injectors, or null if the LLM has none. */
    private final PoolFaults llm;
    private final Supplier<List<String>> stepIds;
    private final EventBus bus;
    private final TimeSource time;
    private final Map<String, Chaos> active = new LinkedHashMap<>(); // guarded by this
    private volatile dev.tickguard.remote.RemoteSteps remote = dev.tickguard.remote.RemoteSteps.none();

    /**
     * @param llm the LLM's fault injector, or {@code null} if the LLM has none (then {@code ollama-*} is refused)
     * @param stepIds the steps that exist now, in run order (faults for others are refused)
     */
    public ActiveChaos(BreakerRegistry breakers, StepFaults steps, FaultInjector llm, Supplier<List<String>> stepIds, EventBus bus,
                       TimeSource time) {
        this(breakers, steps, llm == null ? (PoolFaults) null : PoolFaults.single(llm), stepIds, bus, time);
    }

    /**
     * @param llm the Ollama pool's fault injectors, or {@code null} if the LLM has none
     * @param stepIds the steps that exist now, in run order (faults for others are refused)
     */
    public ActiveChaos(BreakerRegistry breakers, StepFaults steps, PoolFaults llm, Supplier<List<String>> stepIds,
                       EventBus bus, TimeSource time) {
        this.breakers = breakers;
        this.steps = steps;
        this.llm = llm;
        this.stepIds = stepIds;
        this.bus = bus;
        this.time = time;
    }

    public synchronized List<Chaos> list() {
        return List.copyOf(active.values());
    }

    /** Switches a fault on; forcing a breaker one way replaces its force the other way (one per breaker). */
    public synchronized void add(Chaos c) {
        if (active.containsKey(c.key())) {
            throw new IllegalArgumentException(c.key() + " is already active (" + active.get(c.key())
                    + "); change or remove it");
        }
        if (c.kind().isBreakerForce()) {
            breaker(c.target()); // an unknown breaker is refused before its other force is removed
            Chaos other = forced(c.target());
            if (other != null) {
                remove(other.key());
            }
        }
        apply(c);
        active.put(c.key(), c);
        syncLlm();
        publish(Action.ADDED, c);
    }

    public synchronized void change(Chaos c) {
        if (!active.containsKey(c.key())) {
            throw new IllegalArgumentException(c.key() + " is not active; add it");
        }
        apply(c);
        active.put(c.key(), c);
        syncLlm();
        publish(Action.CHANGED, c);
    }

    public synchronized boolean remove(String key) {
        Chaos c = active.get(key);
        if (c == null) {
            return false;
        }
        unapply(c);
        active.remove(key);
        syncLlm();
        publish(Action.REMOVED, c);
        return true;
    }

    public synchronized void clear() {
        for (Chaos c : new ArrayList<>(active.values())) {
            unapply(c);
        }
        // Whatever else is on (set directly on the parts) goes off too: "clear" means no chaos at all.
        steps.clear();
        if (llm != null) {
            llm.all().values().forEach(FaultInjector::clear);
        }
        active.clear();
        publish(Action.CLEARED, null);
    }

    /**
     * Sets a breaker's mode through the same entries as {@link #add} and {@link #remove}: a forced
     * mode is its {@code force-open} / {@code force-closed} fault (added unless already active), AUTO
     * removes whichever is active. Setting the mode it has changes nothing and publishes nothing.
     */
    public synchronized void setBreakerMode(String name, BreakerMode mode) {
        Breaker b = breaker(name);
        Chaos now = forced(name);
        Chaos wanted = switch (mode) {
            case FORCE_OPEN -> Chaos.forceOpen(name);
            case FORCE_CLOSED -> Chaos.forceClosed(name);
            case AUTO -> null;
        };
        if (wanted == null) {
            if (now != null) {
                remove(now.key());
            } else {
                b.release(); // forced behind the model's back (directly on the engine's registry): release it too
            }
        } else if (!wanted.equals(now)) {
            add(wanted);
        }
    }

    /** The breaker's active force ({@code force-open} or {@code force-closed}), or null. */
    private Chaos forced(String breaker) {
        Chaos open = active.get(Chaos.forceOpen(breaker).key());
        return open != null ? open : active.get(Chaos.forceClosed(breaker).key());
    }

    private Breaker breaker(String name) {
        return breakers.find(name).orElseThrow(() -> new IllegalArgumentException("no breaker named '" + name
                + "'; breakers: " + String.join(", ", breakers.names())));
    }

    private void step(Chaos c) {
        List<String> known = stepIds.get();
        if (!known.contains(c.target())) {
            throw new IllegalArgumentException("no step named '" + c.target() + "'; steps: "
                    + String.join(", ", known));
        }
    }

    private dev.tickguard.remote.AgentLink link(Chaos c) {
        return remote.link().orElseThrow(() -> new IllegalArgumentException(c
                + ": no remote.broker is configured, so there are no remote workers"));
    }

    /** Where remote faults go (the broker link); none by default. */
    public void remote(dev.tickguard.remote.RemoteSteps r) {
        this.remote = r;
    }

    /** Checks that an ollama-* fault has somewhere to go: the LLM's injectors, and its endpoint if it names one. */
    private void llm(Chaos c) {
        if (llm == null) {
            throw new IllegalArgumentException(c + ": this LLM has no fault injector");
        }
        if (c.target() != null && llm.get(c.target()) == null) {
            throw new IllegalArgumentException("no Ollama endpoint named '" + c.target() + "'; endpoints: "
                    + String.join(", ", llm.names()));
        }
    }

    /**
     * Sets every endpoint's injector to what the active ollama-* faults say: a fault for all endpoints,
     * or on one endpoint the fault aimed at it, which takes the place of the same fault for all.
     * Knobs are only set, never cleared first, so a hang stays held across unrelated changes.
     */
    private void syncLlm() {
        if (llm == null) {
            return;
        }
        for (Map.Entry<String, FaultInjector> e : llm.all().entrySet()) {
            String name = e.getKey();
            FaultInjector f = e.getValue();
            f.down(on(Chaos.Kind.OLLAMA_DOWN, name) != null);
            Chaos latency = on(Chaos.Kind.OLLAMA_LATENCY, name);
            f.latency(latency == null ? 0 : latency.low().toMillis(), latency == null ? 0 : latency.high().toMillis());
            Chaos fail = on(Chaos.Kind.OLLAMA_FAIL_RATE, name);
            f.failRate(fail == null ? 0 : fail.rate());
            Chaos busy = on(Chaos.Kind.OLLAMA_BUSY_RATE, name);
            f.busyRate(busy == null ? 0 : busy.rate());
            f.malformed(on(Chaos.Kind.OLLAMA_MALFORMED, name) != null);
            f.cutStream(on(Chaos.Kind.OLLAMA_CUT_STREAM, name) != null);
            f.hang(on(Chaos.Kind.OLLAMA_HANG, name) != null);
        }
    }

    /** The active fault of {@code kind} that hits endpoint {@code name}: its own, else the one for all, else null. */
    private Chaos on(Chaos.Kind kind, String name) {
        Chaos own = active.get(kind.label() + ":" + name);
        return own != null ? own : active.get(kind.label());
    }

    private void apply(Chaos c) {
        switch (c.kind()) {
            case STEP_FAIL -> {
                step(c);
                steps.fail(c.target(), c.trigger());
            }
            case STEP_HANG -> {
                step(c);
                steps.hang(c.target(), c.trigger());
            }
            case STEP_SLOW -> {
                step(c);
                steps.slow(c.target(), c.low(), c.trigger());
            }
            case FORCE_OPEN -> breaker(c.target()).forceOpen();
            case FORCE_CLOSED -> breaker(c.target()).forceClosed();
            // Set by syncLlm once the fault is in the active list.
            case OLLAMA_DOWN, OLLAMA_LATENCY, OLLAMA_FAIL_RATE, OLLAMA_BUSY_RATE, OLLAMA_MALFORMED, OLLAMA_CUT_STREAM,
                 OLLAMA_HANG -> llm(c);
            case BROKER_DOWN -> link(c).setBrokerDown(true);
            case WORKER_STOP -> link(c).setWorkerStopped(c.target(), true);
        }
    }

    private void unapply(Chaos c) {
        switch (c.kind()) {
            case STEP_FAIL -> steps.fail(c.target(), (Chaos.Trigger) null);
            case STEP_HANG -> steps.hang(c.target(), (Chaos.Trigger) null);
            case STEP_SLOW -> steps.slow(c.target(), Duration.ZERO);
            case FORCE_OPEN, FORCE_CLOSED -> breaker(c.target()).release();
            // Unset by syncLlm once the fault has left the active list.
            case OLLAMA_DOWN, OLLAMA_LATENCY, OLLAMA_FAIL_RATE, OLLAMA_BUSY_RATE, OLLAMA_MALFORMED, OLLAMA_CUT_STREAM,
                 OLLAMA_HANG -> {
            }
            case BROKER_DOWN -> link(c).setBrokerDown(false);
            case WORKER_STOP -> link(c).setWorkerStopped(c.target(), false);
        }
    }

    private void publish(Action action, Chaos c) {
        bus.publish(new TickEvent.ChaosChanged(time.now(), action, c, List.copyOf(active.values())));
    }
}
