package dev.tickguard.chaos;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One parsed {@code --chaos} argument.
 *
 * <p>Step and breaker faults: {@code force-open:<breaker>}, {@code fail:<step>},
 * {@code hang:<step>}, {@code slow:<step>=<ms>}. LLM faults: {@code ollama-down},
 * {@code ollama-latency:<ms>[-<ms>]}, {@code ollama-fail-rate:<0..1>}, {@code ollama-malformed},
 * {@code ollama-cut-stream}.
 *
 * @param kind what to do
 * @param target the breaker or step id, or {@code null} for LLM faults
 * @param low a number (ms for slow and latency, rate for fail-rate), or 0
 * @param high the upper end of a latency range (equal to {@code low} for a fixed latency), or 0
 */
public record ChaosSpec(Kind kind, String target, double low, double high) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern BREAKER = Pattern.compile("[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)?");

    /** The kinds of fault. */
    public enum Kind {
        FORCE_OPEN, FAIL, HANG, SLOW, OLLAMA_DOWN, OLLAMA_LATENCY, OLLAMA_FAIL_RATE, OLLAMA_MALFORMED, OLLAMA_CUT_STREAM;

        /** The spelling on the command line, e.g. {@code "force-open"}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The accepted forms, for error messages and --help. */
    public static final String FORMS = "force-open:<breaker>, fail:<step>, hang:<step>, slow:<step>=<ms>, ollama-down, "
            + "ollama-latency:<ms>[-<ms>], ollama-fail-rate:<0..1>, ollama-malformed, ollama-cut-stream";

    /**
     * Parses one spec.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static ChaosSpec parse(String spec) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String head = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? null : s.substring(colon + 1);
        switch (head) {
            case "ollama-down":
                return noArg(s, arg, Kind.OLLAMA_DOWN);
            case "ollama-malformed":
                return noArg(s, arg, Kind.OLLAMA_MALFORMED);
            case "ollama-cut-stream":
                return noArg(s, arg, Kind.OLLAMA_CUT_STREAM);
            case "ollama-latency": {
                String a = need(s, arg, "ollama-latency:<ms>[-<ms>]");
                String[] parts = a.split("-", 2);
                double lo = millis(s, parts[0]);
                double hi = parts.length == 2 ? millis(s, parts[1]) : lo;
                if (hi < lo) {
                    throw bad(s, "the latency range " + a + " ends below its start");
                }
                return new ChaosSpec(Kind.OLLAMA_LATENCY, null, lo, hi);
            }
            case "ollama-fail-rate": {
                String a = need(s, arg, "ollama-fail-rate:<0..1>");
                double rate;
                try {
                    rate = Double.parseDouble(a);
                } catch (NumberFormatException e) {
                    throw bad(s, "'" + a + "' is not a number between 0 and 1");
                }
                if (!(rate >= 0 && rate <= 1)) {
                    throw bad(s, "the fail rate must be between 0 and 1, got " + a);
                }
                return new ChaosSpec(Kind.OLLAMA_FAIL_RATE, null, rate, rate);
            }
            case "force-open": {
                String b = need(s, arg, "force-open:<breaker>");
                if (!BREAKER.matcher(b).matches()) {
                    throw bad(s, "'" + b + "' is not a breaker name (like step:monologue or ollama:chat)");
                }
                return new ChaosSpec(Kind.FORCE_OPEN, b, 0, 0);
            }
            case "fail":
                return new ChaosSpec(Kind.FAIL, stepId(s, need(s, arg, "fail:<step>")), 0, 0);
            case "hang":
                return new ChaosSpec(Kind.HANG, stepId(s, need(s, arg, "hang:<step>")), 0, 0);
            case "slow": {
                String a = need(s, arg, "slow:<step>=<ms>");
                int eq = a.indexOf('=');
                if (eq < 0) {
                    throw bad(s, "expected slow:<step>=<ms>");
                }
                double ms = millis(s, a.substring(eq + 1));
                return new ChaosSpec(Kind.SLOW, stepId(s, a.substring(0, eq)), ms, ms);
            }
            default:
                throw bad(s, "unknown chaos '" + head + "'; use one of: " + FORMS);
        }
    }

    private static ChaosSpec noArg(String s, String arg, Kind kind) {
        if (arg != null) {
            throw bad(s, kind.label() + " takes no argument");
        }
        return new ChaosSpec(kind, null, 0, 0);
    }

    private static String need(String s, String arg, String form) {
        if (arg == null || arg.isEmpty()) {
            throw bad(s, "expected " + form);
        }
        return arg;
    }

    private static String stepId(String s, String id) {
        if (!ID.matcher(id).matches()) {
            throw bad(s, "'" + id + "' is not a step id (lower-case letters, digits and '_')");
        }
        return id;
    }

    private static double millis(String s, String v) {
        try {
            long ms = Long.parseLong(v.trim());
            if (ms < 0) {
                throw bad(s, "milliseconds cannot be negative: " + v);
            }
            return ms;
        } catch (NumberFormatException e) {
            throw bad(s, "'" + v + "' is not a whole number of milliseconds");
        }
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException("--chaos " + spec + ": " + why);
    }

    /** The spec as typed on the command line. */
    @Override
    public String toString() {
        return switch (kind) {
            case FORCE_OPEN, FAIL, HANG -> kind.label() + ":" + target;
            case SLOW -> "slow:" + target + "=" + (long) low;
            case OLLAMA_LATENCY -> "ollama-latency:" + (long) low + (high != low ? "-" + (long) high : "");
            case OLLAMA_FAIL_RATE -> "ollama-fail-rate:" + low;
            default -> kind.label();
        };
    }
}
