package dev.tickguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Bytes allocated per thread over a stretch of time, summed by thread name with its numbers left out
 * ("tickguard-step-12" counts as "tickguard-step-#"): which threads feed the garbage collector, whose
 * pauses show as late frames.
 */
final class ThreadAllocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before = snapshot();
    private final long startNanos = System.nanoTime();

    /** The heaviest {@code top} thread groups since construction, in MB a second, and the total. */
    String report(int top) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Long> byName = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        long[] now = THREADS.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = THREADS.getThreadInfo(ids, 0); // no stacks: no stop of every thread to walk them
        for (int i = 0; i < ids.length; i++) {
            if (now[i] < 0 || infos[i] == null) {
                continue; // ended meanwhile
            }
            long bytes = now[i] - before.getOrDefault(ids[i], 0L); // a thread started since: all its bytes
            byName.merge(infos[i].getThreadName().replaceAll("\\d+", "#"), bytes, Long::sum);
        }
        long total = byName.values().stream().mapToLong(Long::longValue).sum();
        return String.format("%.1f MB/s by the threads alive at the end; ", total / 1e6 / seconds) + byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / 1e6 / seconds))
                .collect(Collectors.joining(", "));
    }

    private static Map<Long, Long> snapshot() {
        Map<Long, Long> m = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            m.put(ids[i], bytes[i]);
        }
        return m;
    }
}
