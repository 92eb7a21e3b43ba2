package dev.tickguard.control.internal;

import dev.tickguard.control.Histories;
import dev.tickguard.control.TickEntry;
import dev.tickguard.events.ResultJson;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The last {@link Histories#TICKS} ticks, with their results held to a total: each result is capped
 * at 16 KiB, but a plugin that always returns that much would otherwise hold 1,000 x steps x 16 KiB.
 * Past {@link #MAX_RESULT_CHARS} in all, the oldest ticks lose their results (their records stay).
 * Not thread-safe.
 */
final class TickRing {
    /** Result text kept in all: 16 Mi characters. */
    static final long MAX_RESULT_CHARS = 16L * 1024 * 1024;

    private final ArrayDeque<TickEntry> ticks = new ArrayDeque<>();
    private final long maxChars;
    private long chars;

    TickRing() {
        this(MAX_RESULT_CHARS);
    }

    TickRing(long maxChars) {
        this.maxChars = maxChars;
    }

    void add(TickEntry e) {
        if (ticks.size() == Histories.TICKS) {
            chars -= size(ticks.removeFirst());
        }
        ticks.addLast(e);
        chars += size(e);
        // Drop the results of the oldest ticks that still have some, until the total fits.
        if (chars > maxChars) {
            ArrayDeque<TickEntry> rebuilt = new ArrayDeque<>(ticks.size());
            for (TickEntry t : ticks) {
                if (chars > maxChars && t != e && !t.results().isEmpty()) {
                    chars -= size(t);
                    t = new TickEntry(t.seq(), t.record(), Map.of());
                }
                rebuilt.addLast(t);
            }
            ticks.clear();
            ticks.addAll(rebuilt);
        }
    }

    List<TickEntry> list() {
        return List.copyOf(ticks);
    }

    /** Result characters held now. */
    long chars() {
        return chars;
    }

    private static long size(TickEntry e) {
        long n = 0;
        for (ResultJson r : e.results().values()) {
            n += r.text().length();
        }
        return n;
    }
}
