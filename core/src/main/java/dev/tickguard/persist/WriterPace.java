package dev.tickguard.persist;

/**
 * How the database's writer thread waits for changes, so that handing it one costs the tick as
 * little as possible. Waking a blocked thread is a system call on the tick's thread, and on two
 * busy cores it can hand that core to the writer at the step boundary: measured, it was most of what
 * persistence added to a tick of 20-30 ms steps (a hand-off 5.1 µs on average against 0.3 µs for a
 * plain enqueue, and about 1 ms a tick at load 15-20). So the writer is <em>attentive</em> while
 * changes keep coming: after each change it looks again every linger by itself, and a hand-off is an
 * enqueue that wakes nobody. Only after {@code attentiveMillis} without a change does it block again
 * (so an idle Tickguard's writer never wakes), and the next change wakes it once.
 *
 * <p>The cost moves to the writer: at most {@code attentiveMillis / lingerMillis} timed wake-ups of
 * its own after each change, none while idle. A commit still follows a change within about a linger,
 * in order, so the resume guarantee is unchanged. Used by the writer thread only; not thread-safe.
 */
final class WriterPace {
    private final long lingerMillis;
    private final int looksWhileQuiet;
    private int emptyLooks;
    private boolean attentive;

    WriterPace(long lingerMillis, long attentiveMillis) {
        if (lingerMillis <= 0 || attentiveMillis < 0) {
            throw new IllegalArgumentException("lingerMillis must be > 0 and attentiveMillis >= 0, got "
                    + lingerMillis + " and " + attentiveMillis);
        }
        this.lingerMillis = lingerMillis;
        this.looksWhileQuiet = (int) (attentiveMillis / lingerMillis);
    }

    /** How long to wait for more changes (after a first one, or between looks). */
    long lingerMillis() {
        return lingerMillis;
    }

    /** True while the writer should look for changes by itself rather than block until woken. */
    boolean attentive() {
        return attentive;
    }

    /** The writer looked for a change: found one, or found none. */
    void looked(boolean found) {
        if (found) {
            emptyLooks = 0;
            attentive = looksWhileQuiet > 0;
        } else if (++emptyLooks >= looksWhileQuiet) {
            attentive = false;
        }
    }
}
