package dev.tickguard.control.internal;

import dev.tickguard.engine.StepFaults;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.chaos.Chaos;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickEvent.ChaosChanged.Action;
import dev.tickguard.ollama.FaultInjector;
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
    private final FaultInjector llm;
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
        publish(Action.ADDED, c);
    }

    public synchronized void change(Chaos c) {
        if (!active.containsKey(c.key())) {
            throw new IllegalArgumentException(c.key() + " is not active; add it");
        }
        apply(c);
        active.put(c.key(), c);
        publish(Action.CHANGED, c);
    }

    public synchronized boolean remove(String key) {
        Chaos c = active.get(key);
        if (c == null) {
            return false;
        }
        unapply(c);
        active.remove(key);
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
            llm.clear();
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

    private FaultInjector llm(Chaos c) {
        if (llm == null) {
            throw new IllegalArgumentException(c + ": this LLM has no fault injector");
        }
        return llm;
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
            case OLLAMA_DOWN -> llm(c).down(true);
            case OLLAMA_LATENCY -> llm(c).latency(c.low().toMillis(), c.high().toMillis());
            case OLLAMA_FAIL_RATE -> llm(c).failRate(c.rate());
            case OLLAMA_BUSY_RATE -> llm(c).busyRate(c.rate());
            case OLLAMA_MALFORMED -> llm(c).malformed(true);
            case OLLAMA_CUT_STREAM -> llm(c).cutStream(true);
            case OLLAMA_HANG -> llm(c).hang(true);
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
            case OLLAMA_DOWN -> llm.down(false);
            case OLLAMA_LATENCY -> llm.latency(0, 0);
            case OLLAMA_FAIL_RATE -> llm.failRate(0);
            case OLLAMA_BUSY_RATE -> llm.busyRate(0);
            case OLLAMA_MALFORMED -> llm.malformed(false);
            case OLLAMA_CUT_STREAM -> llm.cutStream(false);
            case OLLAMA_HANG -> llm.hang(false);
            case BROKER_DOWN -> link(c).setBrokerDown(false);
            case WORKER_STOP -> link(c).setWorkerStopped(c.target(), false);
        }
    }

    private void publish(Action action, Chaos c) {
        bus.publish(new TickEvent.ChaosChanged(time.now(), action, c, List.copyOf(active.values())));
    }
}
