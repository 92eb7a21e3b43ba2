package dev.tickguard.persist;

import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A warning that may repeat fast (every tick on a full disk): the first one is logged at once, the
 * repeats are counted and logged as one line at most once a minute ("... (again 4,211 times in the
 * last 60 s)"), so a broken disk cannot flood the log or fill what space is left. Thread-safe.
 */
public final class RepeatedWarning {
    /** How often repeats are summed up in one line. */
    static final long PERIOD_NANOS = 60_000_000_000L;

    private final Logger log;
    private final LongSupplier nanoTime;
    private long windowStart;
    private boolean logged;
    private long repeats;

    public RepeatedWarning(Logger log) {
        this(log, System::nanoTime);
    }

    RepeatedWarning(Logger log, LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /** Logs {@code message} now, or counts it if one was logged less than a minute ago. */
    public synchronized void warn(String message) {
        long now = nanoTime.getAsLong();
        if (logged && now - windowStart < PERIOD_NANOS) {
            repeats++;
            return;
        }
        String again = repeats > 0 ? " (again " + repeats + " times in the last " + (now - windowStart) / 1_000_000_000L
                + " s)" : "";
        log.warning(message + again);
        logged = true;
        windowStart = now;
        repeats = 0;
    }

    /** The trouble is over: the next warning is logged at once. */
    public synchronized void clear() {
        logged = false;
        repeats = 0;
    }
}
