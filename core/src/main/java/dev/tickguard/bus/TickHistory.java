package dev.tickguard.bus;

import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The most recent ticks, bounded: the dashboard's timeline reads it. Subscribe it to the bus.
 * Thread-safe.
 */
public final class TickHistory implements Consumer<TickEvent> {
    private final int capacity;
    private final ArrayDeque<TickRecord> ticks;

    /** @param capacity how many ticks to keep; older ones are forgotten */
    public TickHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, not " + capacity);
        }
        this.capacity = capacity;
        this.ticks = new ArrayDeque<>(capacity);
    }

    @Override
    public void accept(TickEvent event) {
        if (event instanceof TickEvent.TickFinished f) {
            add(f.record());
        } else if (event instanceof TickEvent.TickSkipped s) {
            add(s.record());
        }
    }

    private synchronized void add(TickRecord r) {
        if (ticks.size() == capacity) {
            ticks.removeFirst();
        }
        ticks.addLast(r);
    }

    /** The kept ticks, oldest first. */
    public synchronized List<TickRecord> snapshot() {
        return new ArrayList<>(ticks);
    }
}
