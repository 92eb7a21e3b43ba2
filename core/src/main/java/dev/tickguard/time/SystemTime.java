package dev.tickguard.time;

import java.time.Instant;

/** {@link TimeSource} on {@link System#nanoTime()} and {@link Instant#now()}. */
enum SystemTime implements TimeSource {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }
}
