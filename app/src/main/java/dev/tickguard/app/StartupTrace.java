package dev.tickguard.app;

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
        ProcessHandle.Info self = ProcessHandle.current().info();
        long at = self.startInstant().map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
        long cpu = self.totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        System.err.println("tickguard: startup " + phase + " at " + at + " ms (CPU " + cpu + " ms, thread "
                + Thread.currentThread().getName() + ")");
    }
}
