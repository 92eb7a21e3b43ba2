package dev.tickguard.ollama;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault injectors of the pool's endpoints, by endpoint name, in the configured order: what chaos
 * reaches ({@code ollama-down} on all of them, {@code ollama-down:<name>} on one). Immutable.
 */
public final class PoolFaults {
    private final Map<String, FaultInjector> byName;

    private PoolFaults(Map<String, FaultInjector> byName) {
        this.byName = byName;
    }

    /** One server's injector, as the endpoint {@code default}. */
    public static PoolFaults single(FaultInjector faults) {
        return new PoolFaults(Map.of(dev.tickguard.config.OllamaSettings.DEFAULT_ENDPOINT, faults));
    }

    /** These injectors by endpoint name, in the map's order. */
    public static PoolFaults of(Map<String, FaultInjector> byName) {
        return new PoolFaults(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName)));
    }

    /** Every endpoint's injector. */
    public static PoolFaults of(OllamaPool pool) {
        Map<String, FaultInjector> m = new LinkedHashMap<>();
        for (OllamaEndpoint e : pool.endpoints()) {
            m.put(e.name(), e.faults());
        }
        return new PoolFaults(java.util.Collections.unmodifiableMap(m));
    }

    /** The endpoints' names, in order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The injector of endpoint {@code name}, or null. */
    public FaultInjector get(String name) {
        return byName.get(name);
    }

    /** Every injector, by endpoint name. */
    public Map<String, FaultInjector> all() {
        return byName;
    }
}
