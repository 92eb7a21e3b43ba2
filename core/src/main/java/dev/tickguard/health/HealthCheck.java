package dev.tickguard.health;

/**
 * One thing the health monitor looks at (the LLM endpoint, heap, disk, ...). Implementations must
 * be thread-safe and return quickly (a network check needs its own short timeout).
 */
public interface HealthCheck {

    /** A short name for display, e.g. {@code "heap"}. */
    String name();

    /** True if failing this check is a critical failure (EMERGENCY) rather than a degradation. */
    boolean critical();

    /**
     * Looks once.
     *
     * @return the reading; a check that throws is counted as unhealthy with the exception as detail
     */
    Reading check() throws Exception;

    /** A check made of a name, its weight and a function: for simple checks and for tests. */
    static HealthCheck of(String name, boolean critical, java.util.function.Supplier<Reading> check) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean critical() {
                return critical;
            }

            @Override
            public Reading check() {
                return check.get();
            }
        };
    }

    /**
     * One reading.
     *
     * @param healthy whether the resource is fine
     * @param detail a short description of what was seen, e.g. {@code "heap 41% of 512 MB"}
     */
    record Reading(boolean healthy, String detail) {
        public static Reading ok(String detail) {
            return new Reading(true, detail);
        }

        public static Reading failing(String detail) {
            return new Reading(false, detail);
        }
    }
}
