package dev.tickguard.app.metrics;

import dev.tickguard.events.OllamaEndpointStatus;
import dev.tickguard.ollama.OllamaPool;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The Ollama pool's metrics, labelled by endpoint ({@code ollama_endpoint}: the name in
 * {@code ollama.endpoints}, {@code default} for {@code ollama.url}), read from the endpoints at each
 * scrape: calls and failures, calls in flight, whether it can take calls, the cooldown left, latency
 * percentiles and loaded models. So a cooling-down endpoint can be seen and alerted on. The label is
 * not {@code endpoint}, which the LLM metrics already use for the operation (chat, embed).
 */
public final class OllamaPoolMetrics {
    private OllamaPoolMetrics() {
    }

    /** Registers the pool's metrics in {@code registry}. */
    public static void register(PrometheusRegistry registry, OllamaPool pool) {
        CounterWithCallback.builder().name("tickguard_ollama_endpoint_calls_total")
                .help("Attempts on each Ollama endpoint by result (success, failure); a failover is a failure on one "
                        + "endpoint and an attempt on the next")
                .labelNames("ollama_endpoint", "result").callback(cb -> {
                    for (OllamaEndpointStatus s : pool.statuses()) {
                        cb.call(s.calls() - s.failures(), s.name(), "success");
                        cb.call(s.failures(), s.name(), "failure");
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tickguard_ollama_endpoint_in_flight")
                .help("Calls running on each Ollama endpoint now").labelNames("ollama_endpoint").callback(cb -> {
                    for (OllamaEndpointStatus s : pool.statuses()) {
                        cb.call(s.inFlight(), s.name());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tickguard_ollama_endpoint_up")
                .help("1 if the endpoint's chat breaker lets calls through (or a trial now), 0 while cooling down "
                        + "or forced open").labelNames("ollama_endpoint").callback(cb -> {
                    for (OllamaEndpointStatus s : pool.statuses()) {
                        cb.call(s.canServe() ? 1 : 0, s.name());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tickguard_ollama_endpoint_cooldown_seconds")
                .help("Time until the endpoint's open chat breaker lets a trial call through (0 unless open)")
                .labelNames("ollama_endpoint").callback(cb -> {
                    for (OllamaEndpointStatus s : pool.statuses()) {
                        cb.call(s.cooldownLeftMs() / 1000.0, s.name());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tickguard_ollama_endpoint_latency_seconds")
                .help("Latency of the endpoint's recent calls (last 512) at the quantile 0.5 or 0.95")
                .labelNames("ollama_endpoint", "quantile").callback(cb -> {
                    for (OllamaEndpointStatus s : pool.statuses()) {
                        if (s.p50Ms() >= 0) {
                            cb.call(s.p50Ms() / 1000.0, s.name(), "0.5");
                            cb.call(s.p95Ms() / 1000.0, s.name(), "0.95");
                        }
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tickguard_ollama_endpoint_model_loaded")
                .help("1 for each model the endpoint has loaded (its /api/ps, refreshed every few seconds)")
                .labelNames("ollama_endpoint", "model").callback(cb -> {
                    for (OllamaEndpointStatus s : pool.statuses()) {
                        for (String m : s.loadedModels()) {
                            cb.call(1, s.name(), m);
                        }
                    }
                }).register(registry);
    }
}
