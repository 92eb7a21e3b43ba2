package dev.tickguard.control;

/**
 * What one LLM endpoint ({@code chat} or {@code embed}) did since start. Immutable.
 *
 * <p>A <em>call</em> is a request a step made that reached the client's retry loop: it counts once
 * however often it was retried. A call the breaker refused (open or forced open) sent nothing and is
 * counted only in {@link #refusedByBreaker()}, never as a call.
 *
 * @param endpoint {@code "chat"} or {@code "embed"}
 * @param calls calls made (successes + failures)
 * @param successes calls that returned an answer
 * @param failures calls that ended in an error (after their retries)
 * @param refusedByBreaker calls refused by the breaker, never sent
 * @param retries retries made by all calls
 * @param latency the latency of the last {@link #WINDOW} calls (successful or not, retries included)
 * @param timeToFirstToken time to the first streamed token of the last {@link #WINDOW} streamed
 *                         calls that got one
 */
public record LlmEndpointStats(String endpoint, long calls, long successes, long failures, long refusedByBreaker,
                               long retries, LatencyPercentiles latency, LatencyPercentiles timeToFirstToken) {
    /** How many recent calls the percentiles cover. */
    public static final int WINDOW = 1_000;

    /** Successful calls in percent of calls, 0..100 (100 before the first call). */
    public double successRate() {
        return calls == 0 ? 100.0 : 100.0 * successes / calls;
    }
}
