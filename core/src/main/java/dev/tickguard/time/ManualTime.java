package dev.tickguard.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TimeSource} that moves only when told: for tests and simulations. Thread-safe.
 */
public final class ManualTime implements TimeSource {
    private final Instant epoch;
    private final AtomicLong nanos = new AtomicLong();

    /** Starts at {@code start}. */
    public ManualTime(Instant start) {
        this.epoch = start;
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return epoch.plusNanos(nanos.get());
    }

    /** Moves time forward. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, got " + d);
        }
        nanos.addAndGet(d.toNanos());
    }
}
