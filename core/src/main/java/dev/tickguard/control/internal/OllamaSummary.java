package dev.tickguard.control.internal;

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
 * then ask for {@link #line(long)}. Not thread-safe.
 */
public final class OllamaSummary implements Consumer<TickEvent> {
    private long tickCalls;
    private long tickSuccesses;
    private long tickRefused;
    private LatencyWindow tickLatency = new LatencyWindow(4_096);
    private long totalCalls;
    private long totalSuccesses;

    @Override
    public void accept(TickEvent event) {
        if (event instanceof TickEvent.TickStarted) {
            tickCalls = 0;
            tickSuccesses = 0;
            tickRefused = 0;
            tickLatency = new LatencyWindow(4_096);
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
        return b.toString();
    }
}
