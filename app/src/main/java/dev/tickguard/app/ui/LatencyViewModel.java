package dev.tickguard.app.ui;

import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Ollama latency chart's data: recent chat and embed calls with p50 / p95 and calls per
 * minute. Bounded whatever the call rate. FX thread only.
 */
public final class LatencyViewModel {
    /** Calls kept for the chart. */
    public static final int CAPACITY = 2_000;
    /** The window p50 / p95 and the rate are computed over. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final ArrayDeque<TickEvent.LlmCall> calls = new ArrayDeque<>();
    private final IntegerProperty version = new SimpleIntegerProperty();
    private final StringProperty summary = new SimpleStringProperty("no LLM calls yet");
    private long[] chatPercentiles = {0, 0};
    private long[] embedPercentiles = {0, 0};
    private boolean dirty;
    private String ttft = "-";

    /** Replaces the calls with a full state's. */
    public void load(ControlSnapshot s) {
        calls.clear();
        List<Sequenced<TickEvent.LlmCall>> all = s.histories().llmCalls();
        all.subList(Math.max(0, all.size() - CAPACITY), all.size()).forEach(c -> calls.add(c.event()));
        stats(s);
        dirty = true;
        endBatch();
    }

    /** Reads the figures only the statistics have (time to first token). */
    public void stats(ControlSnapshot s) {
        ttft = s.llm().stream().filter(x -> x.endpoint().equals("chat")).findFirst()
                .map(x -> x.timeToFirstToken().samples() == 0 ? "-" : ms(x.timeToFirstToken().p50Ms())).orElse("-");
    }

    public void apply(TickEvent e) {
        if (e instanceof TickEvent.LlmCall c) {
            if (calls.size() == CAPACITY) {
                calls.removeFirst();
            }
            calls.addLast(c);
            dirty = true;
        }
    }

    /** Ends a batch: recomputes the figures and redraws once. */
    public void endBatch() {
        if (!dirty) {
            return;
        }
        dirty = false;
        Instant newest = calls.isEmpty() ? Instant.EPOCH : calls.peekLast().at();
        chatPercentiles = percentiles("chat", newest);
        embedPercentiles = percentiles("embed", newest);
        long inWindow = 0;
        long failed = 0;
        long refused = 0;
        Instant from = newest.minus(WINDOW);
        Instant first = newest;
        for (TickEvent.LlmCall c : calls) {
            if (!c.at().isBefore(from)) {
                inWindow++;
                if (c.at().isBefore(first)) {
                    first = c.at();
                }
                if (!c.success()) {
                    if (isRefusal(c)) {
                        refused++;
                    } else {
                        failed++;
                    }
                }
            }
        }
        double minutes = Math.max(1.0 / 60, Duration.between(first, newest).toMillis() / 60_000.0);
        summary.set(calls.isEmpty() ? "no LLM calls yet" : String.format(Locale.ROOT,
                "chat p50 %s  p95 %s  first token %s     embed p50 %s  p95 %s     %.0f calls/min     "
                        + "%d failed, %d refused by breaker (last %d min)",
                ms(chatPercentiles[0]), ms(chatPercentiles[1]), ttft, ms(embedPercentiles[0]), ms(embedPercentiles[1]),
                inWindow / minutes, failed, refused, WINDOW.toMinutes()));
        version.set(version.get() + 1);
    }

    /** True if the call never reached Ollama: its breaker refused it. */
    public static boolean isRefusal(TickEvent.LlmCall c) {
        return c.refused();
    }

    private long[] percentiles(String op, Instant newest) {
        Instant from = newest.minus(WINDOW);
        long[] v = calls.stream().filter(c -> c.operation().equals(op) && c.success() && !c.at().isBefore(from))
                .mapToLong(TickEvent.LlmCall::latencyMs).toArray();
        if (v.length == 0) {
            return new long[] {-1, -1};
        }
        Arrays.sort(v);
        return new long[] {v[(int) Math.ceil(0.50 * v.length) - 1], v[(int) Math.ceil(0.95 * v.length) - 1]};
    }

    static String ms(long v) {
        return v < 0 ? "-" : v < 1000 ? v + " ms" : String.format(Locale.ROOT, "%.1f s", v / 1000.0);
    }

    /** The kept calls, oldest first (do not modify). */
    public ArrayDeque<TickEvent.LlmCall> calls() {
        return calls;
    }

    /** p50 and p95 of successful chat calls in the window, -1 if none. */
    public long[] chatPercentiles() {
        return chatPercentiles.clone();
    }

    public long[] embedPercentiles() {
        return embedPercentiles.clone();
    }

    public IntegerProperty versionProperty() {
        return version;
    }

    public StringProperty summaryProperty() {
        return summary;
    }
}
