package dev.tickguard.health;

import java.util.function.LongSupplier;

/** Critical when the used heap, after what the JVM can reclaim, is above a share of the maximum. */
public final class HeapCheck implements HealthCheck {
    private final int maxPercent;
    private final LongSupplier used;
    private final LongSupplier max;

    /** Reads the running JVM's heap. */
    public HeapCheck(int maxPercent) {
        this(maxPercent, () -> {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }, () -> Runtime.getRuntime().maxMemory());
    }

    /** Reads the given gauges: for tests. */
    public HeapCheck(int maxPercent, LongSupplier used, LongSupplier max) {
        this.maxPercent = maxPercent;
        this.used = used;
        this.max = max;
    }

    @Override
    public String name() {
        return "heap";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public Reading check() {
        long u = used.getAsLong();
        long m = max.getAsLong();
        double pct = 100.0 * u / m;
        if (pct > maxPercent) {
            // A full heap may only be garbage waiting for a collection: look again after one.
            System.gc();
            u = used.getAsLong();
            pct = 100.0 * u / m;
        }
        String detail = String.format(java.util.Locale.ROOT, "heap %.0f%% of %d MB used", pct, m >> 20);
        return pct > maxPercent ? Reading.failing(detail + " (limit " + maxPercent + "%)") : Reading.ok(detail);
    }
}
