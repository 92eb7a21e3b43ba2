package dev.tickguard.control.internal;

import dev.tickguard.config.OllamaSettings;
import dev.tickguard.control.LatencyPercentiles;
import dev.tickguard.events.TickEvent;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The per-tick Ollama line of the log, e.g.
 * {@code [HeavyTick #7] Ollama: 6/12 calls this tick, 50.00% success, p50 620ms, p95 1900ms; 30 refused by breaker; run total 40/66 calls}.
 *
 * <p>A <em>call</em> is a request that was sent (retries counted once); calls refused by an open or
 * forced-open breaker sent nothing and are counted apart. "This tick" means the calls that finished
 * between the tick's start and its end (all endpoints); "run total" counts since the process started.
 * Feed it every event in order (on the log's listener thread, before the log sees the tick's end),
 * then ask for {@link #line(long)}. With an Ollama pool the line ends with the endpoints that served
 * this tick's calls and the failovers, e.g. {@code ; served by gpu1 4, gpu2 2; 1 failover}. Not thread-safe.
 */
public final class OllamaSummary implements Consumer<TickEvent> {
    private long tickCalls;
    private long tickSuccesses;
    private long tickRefused;
    private LatencyWindow tickLatency = new LatencyWindow(4_096);
    private long totalCalls;
    private long totalSuccesses;
    /** Calls served this tick, by endpoint, in the order first seen (a pool's only). */
    private final java.util.Map<String, Integer> tickServedBy = new java.util.LinkedHashMap<>();
    private long tickFailovers;

    @Override
    public void accept(TickEvent event) {
        if (event instanceof TickEvent.TickStarted) {
            tickCalls = 0;
            tickSuccesses = 0;
            tickRefused = 0;
            tickLatency = new LatencyWindow(4_096);
            tickServedBy.clear();
            tickFailovers = 0;
        } else if (event instanceof TickEvent.LlmCall c) {
            if (c.refused()) {
                tickRefused++;
                return;
            }
            tickCalls++;
            totalCalls++;
            if (c.success()) {
                tickSuccesses++;
                totalSuccesses++;
            }
            tickLatency.add(c.latencyMs());
            // A pool of one is the single server of old: its line stays as it was.
            if (c.success() && c.endpoint() != null && !c.endpoint().equals(OllamaSettings.DEFAULT_ENDPOINT)) {
                tickServedBy.merge(c.endpoint(), 1, Integer::sum);
            }
            tickFailovers += c.failedOver().size();
        }
    }

    /** The line for the tick that just ended. */
    public String line(long tick) {
        StringBuilder b = new StringBuilder();
        b.append("[HeavyTick #").append(tick).append("] Ollama: ").append(tickSuccesses).append('/').append(tickCalls)
                .append(" calls this tick");
        if (tickCalls > 0) {
            LatencyPercentiles p = tickLatency.percentiles();
            b.append(String.format(Locale.ROOT, ", %.2f%% success, p50 %dms, p95 %dms", 100.0 * tickSuccesses / tickCalls,
                    p.p50Ms(), p.p95Ms()));
        }
        b.append("; ").append(tickRefused).append(" refused by breaker; run total ").append(totalSuccesses).append('/')
                .append(totalCalls).append(" calls");
        if (!tickServedBy.isEmpty()) {
            b.append("; served by ");
            int i = 0;
            for (java.util.Map.Entry<String, Integer> e : tickServedBy.entrySet()) {
                b.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            }
        }
        if (tickFailovers > 0) {
            b.append("; ").append(tickFailovers).append(tickFailovers == 1 ? " failover" : " failovers");
        }
        return b.toString();
    }
}
