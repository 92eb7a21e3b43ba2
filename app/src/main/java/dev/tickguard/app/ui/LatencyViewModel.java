package dev.tickguard.app.ui;

import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
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
    private final java.time.Clock clock;
    /** Since when calls are known (the window's start, or the oldest call loaded): a rate's time span starts here. */
    private Instant observedSince;

    public LatencyViewModel() {
        this(java.time.Clock.systemUTC());
    }

    /** @param clock the wall clock: calls per minute is a rate up to now, so it falls to 0 while idle */
    public LatencyViewModel(java.time.Clock clock) {
        this.clock = clock;
        this.observedSince = clock.instant();
    }

    /** Replaces the calls with a full state's. */
    public void load(ControlSnapshot s) {
        calls.clear();
        List<Sequenced<TickEvent.LlmCall>> all = s.histories().llmCalls();
        all.subList(Math.max(0, all.size() - CAPACITY), all.size()).forEach(c -> calls.add(c.event()));
        if (!calls.isEmpty() && calls.peekFirst().at().isBefore(observedSince)) {
            observedSince = calls.peekFirst().at();
        }
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

    /** Ends a batch: recomputes the figures and redraws the chart once. */
    public void endBatch() {
        if (!dirty) {
            return;
        }
        dirty = false;
        Instant newest = calls.isEmpty() ? Instant.EPOCH : calls.peekLast().at();
        chatPercentiles = percentiles("chat", newest);
        embedPercentiles = percentiles("embed", newest);
        summary.set(summaryText());
        version.set(version.get() + 1);
    }

    /** The summary's words up to now: the percentiles of the last batch, and the counts of the window up to now. */
    private String summaryText() {
        if (calls.isEmpty()) {
            return "no LLM calls yet";
        }
        Instant now = now();
        Instant from = now.minus(WINDOW);
        long inWindow = 0;
        long failed = 0;
        long refused = 0;
        for (TickEvent.LlmCall c : calls) {
            if (c.at().isBefore(from)) {
                continue; // not break: calls from parallel steps arrive in nearly, not strictly, time order
            }
            inWindow++;
            if (!c.success()) {
                if (isRefusal(c)) {
                    refused++;
                } else {
                    failed++;
                }
            }
        }
        // Concatenation, not String.format: this runs on the window's clock while idle, and Formatter's
        // code would be compiled by the JIT in the very minute the idle cost is measured (issue 18).
        long minutes = WINDOW.toMinutes();
        return "chat p50 " + ms(chatPercentiles[0]) + "  p95 " + ms(chatPercentiles[1]) + "  first token " + ttft
                + "     embed p50 " + ms(embedPercentiles[0]) + "  p95 " + ms(embedPercentiles[1]) + "     "
                + Math.round(rate(inWindow, now)) + " calls/min (last " + minutes + " min)     " + failed + " failed, "
                + refused + " refused by breaker (last " + minutes + " min)";
    }

    /** Now, or the newest call's time if the clock is behind it (a call is never in the future). */
    private Instant now() {
        Instant now = clock.instant();
        return calls.isEmpty() || !calls.peekLast().at().isAfter(now) ? now : calls.peekLast().at();
    }

    /**
     * Calls per minute over the window up to now (issue 18 item 6: "179 calls/min" after two idle
     * minutes came from dividing by the span between the calls only). Before a whole window has been
     * watched, the time watched so far, at least a minute, so the first burst is not multiplied.
     */
    private double rate(long inWindow, Instant now) {
        Instant start = now.minus(WINDOW).isAfter(observedSince) ? now.minus(WINDOW) : observedSince;
        double minutes = Math.max(1.0, Duration.between(start, now).toMillis() / 60_000.0);
        return inWindow / minutes;
    }

    /**
     * On the clock: calls leave the window and the time watched grows without an event, so the summary's
     * counts are recounted; its label repaints only if its words changed. The chart is not redrawn: it is
     * drawn against the newest call, not now, so only new calls change it (a redraw of its canvas on each
     * change of the rate was most of the idle window's painting, issue 18).
     */
    public void refreshClock() {
        summary.set(summaryText());
    }

    /**
     * When the figures shown may next change without an event, or null if they cannot (no call in the
     * window: the rate is 0 and stays 0). A call leaving the window changes the counts; before a whole
     * window has been watched the rate's time span grows, so the shown rate drops at a time that can be
     * worked out: the clock need not run before then.
     */
    public Instant nextClockChange() {
        Instant now = now();
        Instant from = now.minus(WINDOW);
        Instant leaves = null;
        long inWindow = 0;
        for (TickEvent.LlmCall c : calls) {
            if (!c.at().isBefore(from)) {
                // the earliest, not the first in order: calls from parallel steps arrive nearly in time order
                Instant out = c.at().plus(WINDOW).plusMillis(1);
                if (leaves == null || out.isBefore(leaves)) {
                    leaves = out;
                }
                inWindow++;
            }
        }
        if (leaves == null) {
            return null;
        }
        long shown = Math.round(rate(inWindow, now));
        if (observedSince.isAfter(from) && shown > 0) {
            // rate = inWindow / minutes watched (at least 1): it rounds below `shown` once minutes > n / (shown - 0.5)
            double minutes = Math.max(1.0, inWindow / (shown - 0.5));
            // the first whole millisecond past the crossing (at the crossing itself the rate rounds up still)
            Instant drops = observedSince.plusMillis((long) Math.floor(minutes * 60_000) + 1);
            if (drops.isBefore(leaves)) {
                return drops.isAfter(now) ? drops : now.plusSeconds(1);
            }
        }
        return leaves;
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
        if (v < 1000) {
            return v < 0 ? "-" : v + " ms";
        }
        long tenths = Math.round(v / 100.0); // as "%.1f" rounds, without Formatter (see summaryText)
        return tenths / 10 + "." + tenths % 10 + " s";
    }

    /**
     * A time of day on the window's clock, e.g. {@code 14:03:12}, with the date if it was not today
     * ({@code Dec 6 14:03:12}): where the chart's time axis ends.
     */
    String clockTime(Instant at) {
        return TimeOfDay.of(at, clock.instant(), clock.getZone(), TimeOfDay.SECONDS);
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
