package dev.tickguard.resilience;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every breaker in the system, by name ({@code step:<id>}, {@code ollama:chat}, {@code ollama:embed}).
 * Each state change is published as a {@link TickEvent.BreakerChanged} and handed to change
 * listeners (the health monitor re-evaluates the mode at once). Thread-safe.
 */
public final class BreakerRegistry {
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();
    private final BreakerSettings settings;
    private final EventBus bus;
    private final TimeSource clock;
    private final List<Consumer<TickEvent.BreakerChanged>> changeListeners = new CopyOnWriteArrayList<>();
    private volatile List<String> sortedNames = List.of();
    /** Counts breakers added and state changes; a cached {@link #states()} is good while it has not moved. */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private volatile CachedStates cachedStates;

    private record CachedStates(long version, java.util.SortedMap<String, BreakerState> states) {
    }
    private final java.util.Set<String> ignoredByHealth = ConcurrentHashMap.newKeySet();

    public BreakerRegistry(BreakerSettings settings, EventBus bus, TimeSource clock) {
        this.settings = settings;
        this.bus = bus;
        this.clock = clock;
    }

    /** The breaker with this name, created with the configured settings on first use. */
    public Breaker get(String name) {
        Breaker b = breakers.get(name);
        if (b != null) {
            return b;
        }
        synchronized (this) {
            b = breakers.computeIfAbsent(name, n -> new Breaker(n, settings.failureThreshold(), settings.delay(),
                    settings.successThreshold(), this::changed, version::incrementAndGet));
            List<String> names = new ArrayList<>(breakers.keySet());
            names.sort(null);
            sortedNames = List.copyOf(names);
            version.incrementAndGet();
            return b;
        }
    }

    /** The breaker with this name if it exists. */
    public Optional<Breaker> find(String name) {
        return Optional.ofNullable(breakers.get(name));
    }

    /** Names of every breaker, sorted (kept sorted as breakers are added: every tick asks). */
    public List<String> names() {
        return sortedNames;
    }

    /** Every breaker's state, by name, sorted. */
    public Map<String, BreakerState> states() {
        // Every tick's record asks, and breakers rarely change: build the map only after a change. A
        // sorted map, so that a copy of it (a TickRecord makes one) is linear, with no comparisons.
        long v = version.get();
        CachedStates c = cachedStates;
        if (c != null && c.version() == v) {
            return c.states();
        }
        java.util.TreeMap<String, BreakerState> out = new java.util.TreeMap<>();
        for (String n : names()) {
            out.put(n, breakers.get(n).state());
        }
        java.util.SortedMap<String, BreakerState> states = java.util.Collections.unmodifiableSortedMap(out);
        if (version.get() == v) {
            cachedStates = new CachedStates(v, states); // no change while it was built
        }
        return states;
    }

    /** Every breaker's snapshot, sorted by name. */
    public List<BreakerSnapshot> snapshots() {
        List<BreakerSnapshot> out = new ArrayList<>();
        for (String n : names()) {
            out.add(breakers.get(n).snapshot());
        }
        return out;
    }

    /**
     * Says whether a breaker's state counts towards the system's mode. An OPTIONAL step's breaker
     * is shown like any other, but an optional step failing does not by itself degrade the system.
     */
    public void countsForHealth(String name, boolean counts) {
        if (counts ? ignoredByHealth.remove(name) : ignoredByHealth.add(name)) {
            version.incrementAndGet();
        }
    }

    /**
     * Moves on every breaker added, state change (reported or not) and change of what counts for
     * health: a reader that saw the same version twice saw the same breakers.
     */
    public long version() {
        return version.get();
    }

    /**
     * The breakers that keep the system from being healthy: every one that counts for health and is
     * not CLOSED (or forced closed: every call goes through). A HALF_OPEN breaker is only trying: its
     * cause has not cleared until a trial succeeds.
     */
    public List<String> unhealthyNames() {
        List<String> out = new ArrayList<>();
        for (String n : names()) {
            BreakerState state = breakers.get(n).state();
            // Forced closed lets every call through: nothing is unavailable, so it does not degrade.
            if (!ignoredByHealth.contains(n) && state != BreakerState.CLOSED && state != BreakerState.FORCED_CLOSED) {
                out.add(n);
            }
        }
        return out;
    }

    /** True if any breaker refuses calls (OPEN or FORCED_OPEN). */
    public boolean anyOpen() {
        for (Breaker b : breakers.values()) {
            if (b.state().refusesCalls()) {
                return true;
            }
        }
        return false;
    }

    /** The names of the breakers that refuse calls. */
    public List<String> openNames() {
        List<String> out = new ArrayList<>();
        for (String n : names()) {
            if (breakers.get(n).state().refusesCalls()) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Calls {@code listener} on every state change, on the thread that caused it, in the order of the
     * changes (under the breaker's lock); keep it fast and never call back into a breaker from it.
     */
    public void onChange(Consumer<TickEvent.BreakerChanged> listener) {
        changeListeners.add(listener);
    }

    private void changed(Breaker.Transition t) {
        TickEvent.BreakerChanged e = new TickEvent.BreakerChanged(clock.now(), t.breaker(), t.from(), t.to(), t.reason());
        bus.publish(e);
        for (Consumer<TickEvent.BreakerChanged> l : changeListeners) {
            try {
                l.accept(e);
            } catch (RuntimeException | LinkageError ex) {
                java.util.logging.Logger.getLogger(BreakerRegistry.class.getName())
                        .warning("breaker change listener failed: " + ex);
            }
        }
    }
}
