package dev.tickguard.ollama;

import dev.tickguard.resilience.BreakerSnapshot;
import java.util.List;
import java.util.Locale;

/**
 * The LLM client's statistics since start, as in the design note:
 * {@code total_calls 42, successful_calls 39, success_rate 92.86, avg_latency_ms 1250, chat_breaker {...}}.
 *
 * @param totalCalls calls made by steps (a call with retries counts once)
 * @param successfulCalls calls that returned an answer
 * @param avgLatencyMs mean latency of the successful calls
 * @param breakers the LLM breakers ({@code ollama:chat}, {@code ollama:embed})
 */
public record LlmStats(long totalCalls, long successfulCalls, long avgLatencyMs, List<BreakerSnapshot> breakers) {

    /** Successful calls in percent (100 before the first call). */
    public double successRate() {
        return totalCalls == 0 ? 100.0 : 100.0 * successfulCalls / totalCalls;
    }

    /** {@code [HeavyTick #N] Ollama: 15/17 calls, 88.24% success, 1420ms avg latency} */
    public String summaryLine(long tick) {
        return String.format(Locale.ROOT, "[HeavyTick #%d] Ollama: %d/%d calls, %.2f%% success, %dms avg latency", tick,
                successfulCalls, totalCalls, successRate(), avgLatencyMs);
    }
}
