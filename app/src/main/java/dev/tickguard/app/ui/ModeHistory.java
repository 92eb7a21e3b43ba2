package dev.tickguard.app.ui;

import dev.tickguard.spi.SystemMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time spent in each mode over the retained history, for the strip in the status line: when each mode
 * began, from the mode changes the control API keeps (and those that arrive), bounded. Plain Java, FX
 * thread only.
 */
final class ModeHistory {
    /** Mode changes kept. */
    static final int CAPACITY = 1_000;

    /** A stretch of time in one mode. */
    record Segment(Instant from, Instant to, SystemMode mode) {
        Duration length() {
            return Duration.between(from, to);
        }
    }

    private record Change(Instant at, SystemMode mode) {
    }

    private final List<Change> changes = new ArrayList<>();

    /**
     * Starts the history: the system was in {@code mode} at {@code since}.
     *
     * @param since where the history begins (the window's opening, or an older retained change)
     */
    void start(Instant since, SystemMode mode) {
        changes.clear();
        changes.add(new Change(since, mode));
    }

    /** The mode became {@code to} at {@code at}; a change within the same mode (a new reason) is no new segment. */
    void changed(Instant at, SystemMode to) {
        Change last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
        if (last != null && last.mode() == to) {
            return;
        }
        if (last != null && at.isBefore(last.at())) {
            at = last.at(); // never backwards
        }
        changes.add(new Change(at, to));
        if (changes.size() > CAPACITY) {
            changes.subList(0, changes.size() - CAPACITY).clear();
        }
    }

    /** When the last change kept happened (the history's start if none), or the epoch if not started. */
    Instant lastChangeAt() {
        return changes.isEmpty() ? Instant.EPOCH : changes.get(changes.size() - 1).at();
    }

    /** The stretches up to {@code now}, oldest first. */
    List<Segment> segments(Instant now) {
        List<Segment> out = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            Instant end = i + 1 < changes.size() ? changes.get(i + 1).at() : now;
            if (end.isAfter(c.at())) {
                out.add(new Segment(c.at(), end, c.mode()));
            }
        }
        return out;
    }

    /** Time in each mode up to {@code now}. */
    Map<SystemMode, Duration> time(Instant now) {
        Map<SystemMode, Duration> t = new EnumMap<>(SystemMode.class);
        for (Segment s : segments(now)) {
            t.merge(s.mode(), s.length(), Duration::plus);
        }
        return t;
    }

    /**
     * E.g. {@code NORMAL 92%, DEGRADED 6%, RECOVERY 2% since 14:31}: since when, not "of the last 1h 20m",
     * whose span grows every second while the window's clock sleeps for a minute (issue 18: the strip said
     * "of the last 4s" on a window open for minutes). Its words change only when a share does.
     */
    String summary(Instant now, ZoneId zone) {
        Map<SystemMode, Duration> t = time(now);
        long total = t.values().stream().mapToLong(Duration::toMillis).sum();
        if (total <= 0) {
            return "no mode history yet";
        }
        List<String> parts = new ArrayList<>();
        for (var e : t.entrySet()) {
            parts.add(e.getKey() + " " + Math.round(100.0 * e.getValue().toMillis() / total) + "%");
        }
        return String.join(", ", parts) + " since " + TimeOfDay.of(changes.get(0).at(), now, zone, TimeOfDay.MINUTES);
    }

    /** The summary as a tooltip: each mode's time up to {@code now}, in words (computed when it shows). */
    String detail(Instant now, ZoneId zone) {
        StringBuilder b = new StringBuilder("Time in each mode since ")
                .append(changes.isEmpty() ? "now" : TimeOfDay.of(changes.get(0).at(), now, zone, TimeOfDay.SECONDS)).append(":");
        time(now).forEach((m, d) -> b.append(String.format(Locale.ROOT, "%n%-10s %s", m,
                HeaderViewModel.formatSeconds(d.toSeconds()))));
        return b.toString();
    }
}
