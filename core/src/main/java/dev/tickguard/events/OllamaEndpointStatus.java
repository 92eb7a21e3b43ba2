package dev.tickguard.events;

import java.util.List;

/**
 * One pool endpoint as the dashboard tile, the metrics and the control API show it. Immutable.
 *
 * @param name the endpoint's name ({@code default} for {@code ollama.url})
 * @param url its server
 * @param chatBreaker the name of its chat breaker (what Auto/Open/Closed act on)
 * @param state its chat breaker's state
 * @param inFlight calls running on it now
 * @param loadedModels the models {@code /api/ps} last said are loaded (empty until the first answer)
 * @param p50Ms median latency of its recent calls, or -1 before the first
 * @param p95Ms 95th percentile of its recent calls, or -1
 * @param cooldownLeftMs time until its chat breaker lets a trial through (0 unless OPEN)
 * @param calls calls it served or failed since start (one per attempt on it)
 * @param failures of those, the failed ones
 * @param healthy false while its last health check failed (routing tries it last)
 * @param health its last health check's words ("" before the first)
 * @param faults the chaos on it ("none")
 */
public record OllamaEndpointStatus(String name, String url, String chatBreaker, BreakerState state, int inFlight,
                                   List<String> loadedModels, long p50Ms, long p95Ms, long cooldownLeftMs,
                                   long calls, long failures, boolean healthy, String health, String faults) {
    public OllamaEndpointStatus {
        loadedModels = List.copyOf(loadedModels);
    }

    /** True if its chat breaker lets calls through (or will at the next call: ready to probe). */
    public boolean canServe() {
        return !state.refusesCalls() || (state == BreakerState.OPEN && cooldownLeftMs <= 0);
    }
}
