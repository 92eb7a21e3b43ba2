package dev.tickguard.bus;

import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;

/** The summary line after every tick, in the design note's words. */
public final class TickSummary {
    private TickSummary() {
    }

    /** {@code [HeavyTick #N] Completed. Critical: C, Important: I, Optional: O, Fallbacks: F, Skipped: S} */
    public static String line(TickRecord r) {
        TickCounts c = r.counts();
        return "[HeavyTick #" + r.tick() + "] Completed. Critical: " + c.critical() + ", Important: " + c.important()
                + ", Optional: " + c.optional() + ", Fallbacks: " + c.fallbacks() + ", Skipped: " + c.skipped();
    }
}
