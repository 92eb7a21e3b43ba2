package dev.tickguard.app;

import java.time.Duration;

/**
 * Converts option values, with the errors a user reads ("--ticks: 'zero' is not a whole number").
 * Picocli's own converters would name Java types; these name the option and the value.
 */
final class OptionValues {
    private OptionValues() {
    }

    static long longValue(String option, String v) throws UsageException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + v + "' is not a whole number");
        }
    }

    static long positiveLong(String option, String v) throws UsageException {
        long n = longValue(option, v);
        if (n < 1) {
            throw new UsageException(option + ": must be at least 1, got " + v);
        }
        return n;
    }

    static int port(String option, String v) throws UsageException {
        long p = longValue(option, v);
        if (p < 0 || p > 65_535) {
            throw new UsageException(option + ": must be a port between 0 and 65535, got " + p);
        }
        return (int) p;
    }

    static Duration seconds(String option, String v) throws UsageException {
        try {
            double s = Double.parseDouble(v);
            if (!(s >= 0) || s > 86_400) {
                throw new UsageException(option + ": must be between 0 and 86400 seconds, got " + v);
            }
            return Duration.ofNanos(Math.round(s * 1e9));
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + v + "' is not a number of seconds");
        }
    }

    static String httpUrl(String option, String v) throws UsageException {
        if (!v.startsWith("http://") && !v.startsWith("https://")) {
            throw new UsageException(option + ": '" + v + "' is not an http:// or https:// URL");
        }
        return v;
    }
}
