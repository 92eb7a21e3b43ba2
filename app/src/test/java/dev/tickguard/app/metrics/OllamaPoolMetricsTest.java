package dev.tickguard.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.OllamaEndpointSettings;
import dev.tickguard.config.OllamaSettings;
import dev.tickguard.config.OllamaStrategy;
import dev.tickguard.ollama.OllamaPool;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21 item 4: the pool's state per endpoint as Prometheus metrics, a cooling-down endpoint visible. */
class OllamaPoolMetricsTest {

    @Test
    void eachEndpointIsLabelledAndACoolingDownOneShowsItsCooldown() {
        EventBus bus = new EventBus();
        BreakerRegistry breakers = new BreakerRegistry(new BreakerSettings(1, Duration.ofMinutes(2), 1), bus,
                TimeSource.system());
        OllamaSettings s = OllamaSettings.defaults().withEndpoints(List.of(
                new OllamaEndpointSettings("gpu1", "http://127.0.0.1:1", 1, List.of()),
                new OllamaEndpointSettings("gpu2", "http://127.0.0.1:2", 1, List.of())));
        try (OllamaPool pool = OllamaPool.create(s, breakers, Duration.ofSeconds(1))) {
            PrometheusRegistry registry = new PrometheusRegistry();
            OllamaPoolMetrics.register(registry, pool);
            breakers.get("ollama:gpu1:chat").recordFailure(); // opens: 2 minutes of cooldown

            assertThat(value(registry, "tickguard_ollama_endpoint_up", "gpu1")).isZero();
            assertThat(value(registry, "tickguard_ollama_endpoint_up", "gpu2")).isEqualTo(1);
            assertThat(value(registry, "tickguard_ollama_endpoint_cooldown_seconds", "gpu1")).isBetween(60.0, 120.0);
            assertThat(value(registry, "tickguard_ollama_endpoint_cooldown_seconds", "gpu2")).isZero();
            assertThat(value(registry, "tickguard_ollama_endpoint_in_flight", "gpu2")).isZero();
        } finally {
            bus.close();
        }
    }

    private static double value(PrometheusRegistry registry, String name, String endpoint) {
        for (MetricSnapshot m : registry.scrape()) {
            if (m.getMetadata().getPrometheusName().equals(name)) {
                for (GaugeSnapshot.GaugeDataPointSnapshot p : ((GaugeSnapshot) m).getDataPoints()) {
                    if (endpoint.equals(p.getLabels().get("ollama_endpoint"))) {
                        return p.getValue();
                    }
                }
            }
        }
        throw new AssertionError("no " + name + " for " + endpoint);
    }
}
