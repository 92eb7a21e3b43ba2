package dev.tickguard.app;

import dev.tickguard.events.TickEvent;
import dev.tickguard.time.TimeSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Gives the memory native code freed back to the system after a tick, at most every {@link #MIN_GAP}
 * (issue 18, the window's memory). glibc keeps what JavaFX's renderer, GTK, the JIT and SQLite freed in
 * its arenas: after 5 minutes at {@code --interval 5} about 35-45 MB of the window's resident memory
 * (measured with {@code jcmd PID System.trim_native_heap}). This asks the JVM for the same trim (its
 * {@code System.trim_native_heap} command, through the platform MBean server, a few ms).
 *
 * <p>After ticks, not on a timer: the JVM's own {@code -XX:TrimNativeHeapInterval} was tried, and its
 * thread woke ~0.5 times a second even while idle (each safepoint or cleanup suspends and resumes it),
 * while an idle Tickguard frees nothing worth giving back. Where the command is missing or fails
 * (another JVM or C library) it says why once at FINE and stops trying.
 *
 * <p>Runs on the thread that delivers events to it (the {@code log} subscription).
 */
final class NativeMemoryTrim implements Consumer<TickEvent> {
    private static final Logger LOG = Logger.getLogger("tickguard");
    /** At most one trim this often: each walks glibc's arenas (a few ms). */
    static final Duration MIN_GAP = Duration.ofSeconds(30);

    private final TimeSource time;
    private final Supplier<String> trim;
    private Instant last;
    private boolean off;
    private long trims;

    /** @param trim trims and returns the JVM's report; throws if it cannot */
    NativeMemoryTrim(TimeSource time, Supplier<String> trim) {
        this.time = time;
        this.trim = trim;
    }

    /** Trims through the JVM's {@code System.trim_native_heap} diagnostic command. */
    static NativeMemoryTrim create(TimeSource time) {
        return new NativeMemoryTrim(time, NativeMemoryTrim::jvmTrim);
    }

    @Override
    public void accept(TickEvent e) {
        if (e instanceof TickEvent.TickFinished || e instanceof TickEvent.TickSkipped) {
            afterTick();
        }
    }

    private void afterTick() {
        Instant now = time.now();
        if (off || (last != null && Duration.between(last, now).compareTo(MIN_GAP) < 0)) {
            return;
        }
        last = now;
        try {
            String report = trim.get();
            trims++;
            LOG.log(Level.FINEST, () -> "native memory: " + report);
        } catch (RuntimeException | LinkageError ex) {
            off = true;
            LOG.log(Level.FINE, "native memory is not trimmed after ticks: " + ex);
        }
    }

    /** Trims done so far. For tests. */
    long trims() {
        return trims;
    }

    private static String jvmTrim() {
        try {
            Object report = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap", null, null);
            return String.valueOf(report).strip();
        } catch (JMException e) {
            throw new IllegalStateException("the JVM's System.trim_native_heap is not available (" + e + ")", e);
        }
    }
}
