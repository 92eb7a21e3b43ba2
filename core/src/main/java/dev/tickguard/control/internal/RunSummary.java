package dev.tickguard.control.internal;

import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SystemMode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The closing line of a run (issue 18 item 6: on close the log only repeated the last tick's
 * "run total 4/5 calls"), e.g. {@code [Tickguard] Stopped after 12 ticks in 5m 3s: 9 fully successful,
 * 2 with fallbacks, 1 skipped; Ollama answered 40 of 44 calls sent, 12 refused by breakers; mode at the
 * end: DEGRADED (reason)}. Feed it every event in order (the log's listener thread); not thread-safe,
 * except {@link #line()} which may be read after the bus is closed.
 */
public final class RunSummary implements Consumer<TickEvent> {
    private final Instant started;
    private Instant last;
    private long ticks;
    private long good;
    private long withFallbacks;
    private long skipped;
    private long stopped;
    private long sent;
    private long answered;
    private long refused;
    private SystemMode mode = SystemMode.NORMAL;
    private String reason = "";

    /** @param started when the run started */
    public RunSummary(Instant started) {
        this.started = started;
        this.last = started;
    }

    @Override
    public synchronized void accept(TickEvent e) {
        if (e instanceof TickEvent.TickFinished f) {
            last = f.at();
            ticks++;
            if (f.record().abortReason() != null) {
                stopped++;
            } else if (allSucceeded(f)) {
                good++;
            } else {
                withFallbacks++;
            }
        } else if (e instanceof TickEvent.TickSkipped s) {
            last = s.at();
            ticks++;
            skipped++;
        } else if (e instanceof TickEvent.LlmCall c) {
            if (c.refused()) {
                refused++;
            } else {
                sent++;
                answered += c.success() ? 1 : 0;
            }
        } else if (e instanceof TickEvent.ModeChanged m) {
            mode = m.to();
            reason = m.reason();
        }
    }

    private static boolean allSucceeded(TickEvent.TickFinished f) {
        for (StepRecord s : f.record().steps()) {
            if (s.outcome() != StepOutcome.SUCCESS) {
                return false;
            }
        }
        return true;
    }

    /** The closing line, at {@code now}. */
    public synchronized String line(Instant now) {
        Duration up = Duration.between(started, now.isBefore(last) ? last : now);
        StringBuilder b = new StringBuilder("[Tickguard] Stopped after ").append(ticks).append(ticks == 1 ? " tick" : " ticks")
                .append(" in ").append(duration(up));
        if (ticks > 0) {
            b.append(": ").append(good).append(" fully successful, ").append(withFallbacks).append(" with fallbacks, ")
                    .append(skipped).append(" skipped");
            if (stopped > 0) {
                b.append(", ").append(stopped).append(" stopped early");
            }
        }
        b.append("; Ollama answered ").append(answered).append(" of ").append(sent).append(sent == 1 ? " call" : " calls")
                .append(" sent, ").append(refused).append(" refused by breakers; mode at the end: ").append(mode);
        if (mode != SystemMode.NORMAL && reason != null && !reason.isBlank()) {
            b.append(" (").append(reason).append(')');
        }
        return b.toString();
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m " + (s % 60) + "s" : (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
}
