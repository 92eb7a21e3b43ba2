package dev.tickguard.control.internal;

import dev.tickguard.control.LlmEndpointStats;
import dev.tickguard.events.TickEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LLM statistics per endpoint, built from {@link TickEvent.LlmCall} events in publication order, so
 * that they are exactly as of the last event applied. {@code chat} and {@code embed} always exist.
 * Not thread-safe: its owner applies events one at a time.
 */
public final class LlmStatsRecorder {
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    public LlmStatsRecorder() {
        endpoints.put("chat", new Endpoint());
        endpoints.put("embed", new Endpoint());
    }

    private static final class Endpoint {
        long calls;
        long successes;
        long failures;
        long refused;
        long retries;
        final LatencyWindow latency = new LatencyWindow(LlmEndpointStats.WINDOW);
        final LatencyWindow ttft = new LatencyWindow(LlmEndpointStats.WINDOW);
    }

    /** Counts one call. */
    public void record(TickEvent.LlmCall c) {
        Endpoint e = endpoints.computeIfAbsent(c.operation(), k -> new Endpoint());
        if (c.refused()) {
            e.refused++;
            return;
        }
        e.calls++;
        if (c.success()) {
            e.successes++;
        } else {
            e.failures++;
        }
        e.retries += c.retries();
        e.latency.add(c.latencyMs());
        if (c.ttftMs() >= 0) {
            e.ttft.add(c.ttftMs());
        }
    }

    /** Every endpoint's statistics, chat and embed first. */
    public List<LlmEndpointStats> stats() {
        List<LlmEndpointStats> out = new ArrayList<>();
        endpoints.forEach((name, e) -> out.add(new LlmEndpointStats(name, e.calls, e.successes, e.failures, e.refused,
                e.retries, e.latency.percentiles(), e.ttft.percentiles())));
        return out;
    }
}
