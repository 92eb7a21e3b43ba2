package dev.tickguard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code -Dtickguard.startupTrace=true}: prints on stderr when each phase of a start ends, as
 * {@code tickguard: startup <phase> at N ms (CPU M ms)}, counted from the process's start (so JVM
 * start-up is in the first figure). Where a slow start spends its time (docs/benchmarks.md, the
 * first-frame figures); off by default, and then costs one property read per phase.
 */
final class StartupTrace {
    static final String PROPERTY = "tickguard.startupTrace";
    private static final boolean ON = Boolean.getBoolean(PROPERTY);

    private StartupTrace() {
    }

    static void mark(String phase) {
        if (!ON) {
            return;
        }
        System.err.println("tickguard: startup " + phase + " at " + sinceProcessStart() + " ms (CPU " + cpuMillis()
                + " ms, thread " + Thread.currentThread().getName() + ")");
        String threads = busyThreads();
        if (!threads.isEmpty()) {
            System.err.println("tickguard: startup   CPU by thread so far: " + threads);
        }
    }

    /**
     * The CPU each thread of this process has used so far (those with at least 30 ms), on Linux: how
     * the start's work is shared, e.g. that the JIT compiler threads took as much as the FX thread.
     */
    private static String busyThreads() {
        StringBuilder out = new StringBuilder();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime + stime, in 1/100 s
                if (ms >= 30) {
                    out.append(out.length() == 0 ? "" : ", ").append(name).append(' ').append(ms).append(" ms");
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return "";
        }
        return out.toString();
    }

    /**
     * Milliseconds since this process started, to 10 ms. On Linux from {@code /proc}: the JDK's
     * {@link ProcessHandle.Info#startInstant} adds the boot time, which Linux gives in whole seconds,
     * so its figure was off by up to a second (750 ms on this machine), the same way every run.
     */
    static long sinceProcessStart() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (in parentheses, which may hold spaces): starttime is field 22.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(f[19]);
            String uptime = Files.readString(Path.of("/proc/uptime"));
            double upSeconds = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            // USER_HZ is 100 on every Linux build the JDK runs on.
            return Math.round(upSeconds * 1000) - startTicks * 10;
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().info().startInstant()
                    .map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
        }
    }

    /** This process's CPU time so far, in milliseconds, or -1. */
    static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }
}
