package dev.tickguard.chaos;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One deliberate fault, as a small immutable value: what {@code --chaos} presets, the stdin command
 * {@code chaos add} types, and a front end adds, changes and removes through the control API
 * ({@link dev.tickguard.control.TickguardControl}). Create one with the static factories (a front
 * end's form) or {@link #parse(String)} (typed text); {@link #toString()} gives back the text form.
 *
 * <p>A fault is identified by its {@link #key()} (kind and target): there is at most one active
 * fault per key, and {@code TickguardControl.changeChaos} replaces the one with the same key.
 *
 * <p>A breaker forced by the user is chaos too: {@code force-open:<breaker>} or
 * {@code force-closed:<breaker>} is the breaker's mode {@code FORCE_OPEN} or {@code FORCE_CLOSED},
 * whether it was set as a fault or as the breaker's mode; a breaker has at most one of the two.
 *
 * <p>Text forms ({@code <step>} is a step id, {@code <breaker>} a breaker name such as
 * {@code ollama:chat}; step faults take an optional trigger {@code ,p=<0..1>} or {@code ,every=<n>}):
 * <pre>
 *   fail:&lt;step&gt;[,p=0.5|,every=3]          the step throws
 *   hang:&lt;step&gt;[,...]                       the step never returns and ignores interrupts
 *   slow:&lt;step&gt;=&lt;ms&gt;[,...]                  the step sleeps first (interruptibly)
 *   force-open:&lt;breaker&gt;                   the breaker refuses every call (its mode FORCE_OPEN)
 *   force-closed:&lt;breaker&gt;                 the breaker lets every call through and counts none
 *   ollama-down                            connection refused
 *   ollama-latency:&lt;ms&gt;[-&lt;ms&gt;]             added latency, fixed or uniform in a range
 *   ollama-fail-rate:&lt;0..1&gt;                HTTP 500 at this rate
 *   ollama-busy-rate:&lt;0..1&gt;                HTTP 503 "server busy" at this rate
 *   ollama-malformed                       answers cut to invalid JSON
 *   ollama-cut-stream                      streams end before their last line
 *   ollama-hang                            calls hang until the read timeout
 *   broker-down                            the agent's broker connection is blocked: remote steps fall back
 *   worker-stop:&lt;name&gt;                     the remote worker stops taking work (its running steps finish)
 * </pre>
 * Each {@code ollama-*} fault hits every endpoint of the Ollama pool; aimed at one endpoint it
 * names it: {@code ollama-down:<endpoint>}, {@code ollama-latency:<endpoint>=<ms>[-<ms>]},
 * {@code ollama-fail-rate:<endpoint>=<0..1>}, {@code ollama-busy-rate:<endpoint>=<0..1>},
 * {@code ollama-malformed:<endpoint>}, {@code ollama-cut-stream:<endpoint>}, {@code ollama-hang:<endpoint>}
 * (one per endpoint and kind; on that endpoint it takes the place of the same fault for all).
 * Delays are 1 ms to a day ({@link #MAX_DELAY}) and rates above 0: a fault that would do nothing is refused.
 *
 * @param kind what the fault does
 * @param target the step id or breaker name; for {@code ollama-*} faults the pool endpoint, or {@code null} for all
 * @param low the delay of {@code slow}, the lower end of {@code ollama-latency}, else zero
 * @param high the upper end of {@code ollama-latency} (equal to {@code low} when fixed), else zero
 * @param rate the rate of {@code ollama-fail-rate} / {@code ollama-busy-rate}, else zero
 * @param trigger when a step fault fires; {@link Trigger#ALWAYS} for every other kind
 */
public record Chaos(Kind kind, String target, Duration low, Duration high, double rate, Trigger trigger) {
    private static final Pattern STEP_ID = Pattern.compile("[a-z][a-z0-9_]*");
    /** {@code step:<id>}, {@code ollama:chat}, and a pool endpoint's {@code ollama:<endpoint>:chat}. */
    private static final Pattern BREAKER = Pattern.compile("[a-z][a-z0-9_]*(:[a-z0-9][a-z0-9_-]*){0,2}");
    /** A pool endpoint's name, as {@code ollama.endpoints} allows it. */
    private static final Pattern ENDPOINT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern WORKER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The longest delay a fault may add (slow steps, LLM latency): a day. */
    public static final Duration MAX_DELAY = Duration.ofDays(1);

    /** The accepted text forms, for help texts and error messages. */
    public static final String FORMS = "fail:<step>, hang:<step>, slow:<step>=<ms> (each optionally ,p=<0..1> or "
            + ",every=<n>), force-open:<breaker>, force-closed:<breaker>, ollama-down, ollama-latency:<ms>[-<ms>], "
            + "ollama-fail-rate:<0..1>, ollama-busy-rate:<0..1>, ollama-malformed, ollama-cut-stream, ollama-hang "
            + "(each ollama-* for every endpoint, or one: ollama-down:<endpoint>, ollama-latency:<endpoint>=<ms>, ...), "
            + "broker-down, worker-stop:<name>";

    /** The kinds of fault. */
    public enum Kind {
        STEP_FAIL("fail", true), STEP_HANG("hang", true), STEP_SLOW("slow", true), FORCE_OPEN("force-open", false),
        FORCE_CLOSED("force-closed", false),
        OLLAMA_DOWN("ollama-down", false), OLLAMA_LATENCY("ollama-latency", false),
        OLLAMA_FAIL_RATE("ollama-fail-rate", false), OLLAMA_BUSY_RATE("ollama-busy-rate", false),
        OLLAMA_MALFORMED("ollama-malformed", false), OLLAMA_CUT_STREAM("ollama-cut-stream", false),
        OLLAMA_HANG("ollama-hang", false),
        BROKER_DOWN("broker-down", false), WORKER_STOP("worker-stop", false);

        private final String label;
        private final boolean step;

        Kind(String label, boolean step) {
            this.label = label;
            this.step = step;
        }

        /** The text form's head, e.g. {@code "ollama-latency"}. */
        public String label() {
            return label;
        }

        /** True for the faults of a step (they target a step id and take a trigger). */
        public boolean isStepFault() {
            return step;
        }

        /** True for the faults of the LLM connection. */
        public boolean isLlmFault() {
            return label.startsWith("ollama-");
        }

        /** True for the faults of remote step workers (the broker, a worker). */
        public boolean isRemoteFault() {
            return this == BROKER_DOWN || this == WORKER_STOP;
        }

        /** True for a breaker forced open or closed (they target a breaker name). */
        public boolean isBreakerForce() {
            return this == FORCE_OPEN || this == FORCE_CLOSED;
        }
    }

    /**
     * When a step fault fires: on every call, with a probability, or on every n-th call of the step
     * (counted from when the fault was added or changed). Immutable.
     *
     * @param probability in (0, 1]; 1 with {@code everyNth} 1 means always
     * @param everyNth 1 = every call, 3 = the 3rd, 6th, ... call
     */
    public record Trigger(double probability, int everyNth) {
        /** Fires on every call. */
        public static final Trigger ALWAYS = new Trigger(1.0, 1);

        public Trigger {
            if (!(probability > 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be in (0, 1], not " + probability);
            }
            if (everyNth < 1) {
                throw new IllegalArgumentException("every must be >= 1, not " + everyNth);
            }
            if (probability < 1 && everyNth > 1) {
                throw new IllegalArgumentException("a trigger is a probability or every n-th call, not both");
            }
        }

        /** Fires with probability {@code p} on each call. */
        public static Trigger probability(double p) {
            return new Trigger(p, 1);
        }

        /** Fires on every n-th call. */
        public static Trigger everyNth(int n) {
            return new Trigger(1.0, n);
        }

        /**
         * Reads a trigger as typed after a step fault's comma: {@code p=<0..1>} or {@code every=<n>}.
         *
         * @throws IllegalArgumentException with a message that names the bad part
         */
        public static Trigger parse(String text) {
            return parseTrigger(Objects.requireNonNull(text, "text"));
        }

        /**
         * Whether the fault fires on a call.
         *
         * @param callNumber the call's number since the fault was set, from 1
         * @param random a uniform draw from [0, 1)
         */
        public boolean fires(long callNumber, double random) {
            return callNumber % everyNth == 0 && random < probability;
        }

        @Override
        public String toString() {
            return probability < 1 ? ",p=" + probability : everyNth > 1 ? ",every=" + everyNth : "";
        }
    }

    public Chaos {
        Objects.requireNonNull(kind, "kind");
        low = low == null ? Duration.ZERO : low;
        high = high == null ? Duration.ZERO : high;
        trigger = trigger == null ? Trigger.ALWAYS : trigger;
        if (kind.isStepFault()) {
            if (target == null || !STEP_ID.matcher(target).matches()) {
                throw new IllegalArgumentException("'" + target + "' is not a step id (lower-case letters, digits and '_')");
            }
        } else if (kind.isBreakerForce()) {
            if (target == null || !BREAKER.matcher(target).matches()) {
                throw new IllegalArgumentException("'" + target + "' is not a breaker name (like step:monologue or ollama:chat)");
            }
        } else if (kind == Kind.WORKER_STOP) {
            if (target == null || !WORKER.matcher(target).matches()) {
                throw new IllegalArgumentException("'" + target + "' is not a worker name (letters, digits, '.', '_', '-')");
            }
        } else if (kind == Kind.BROKER_DOWN) {
            if (target != null) {
                throw new IllegalArgumentException(kind.label() + " has no target");
            }
        } else if (target != null && !ENDPOINT.matcher(target).matches()) {
            throw new IllegalArgumentException("'" + target + "' is not an Ollama endpoint name (lower-case letters, "
                    + "digits, '_' and '-')");
        }
        if (low.isNegative() || high.isNegative()) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
        if (low.compareTo(MAX_DELAY) > 0 || high.compareTo(MAX_DELAY) > 0) {
            // Beyond this the arithmetic of a deadline in nanoseconds can overflow (a huge latency became none).
            throw new IllegalArgumentException("delays are at most " + MAX_DELAY.toMillis() + " ms (a day), not "
                    + Math.max(low.toMillis(), high.toMillis()));
        }
        // A fault that would do nothing must not be listed (and counted) as active.
        if ((kind == Kind.STEP_SLOW || kind == Kind.OLLAMA_LATENCY) && high.isZero()) {
            throw new IllegalArgumentException(kind.label() + " needs a delay of at least 1 ms (to switch it off, "
                    + "remove it)");
        }
        if ((kind == Kind.OLLAMA_FAIL_RATE || kind == Kind.OLLAMA_BUSY_RATE) && !(rate > 0)) {
            throw new IllegalArgumentException(kind.label() + " needs a rate above 0, up to 1 (to switch it off, "
                    + "remove it)");
        }
        if (kind == Kind.OLLAMA_LATENCY && high.compareTo(low) < 0) {
            throw new IllegalArgumentException("the latency range " + low.toMillis() + "-" + high.toMillis()
                    + " ends below its start");
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("the rate must be between 0 and 1, not " + rate);
        }
        if (!kind.isStepFault() && !trigger.equals(Trigger.ALWAYS)) {
            throw new IllegalArgumentException(kind.label() + " takes no trigger");
        }
    }

    // ------------------------------------------------------------------ factories

    public static Chaos stepFail(String step, Trigger trigger) {
        return new Chaos(Kind.STEP_FAIL, step, null, null, 0, trigger);
    }

    public static Chaos stepHang(String step, Trigger trigger) {
        return new Chaos(Kind.STEP_HANG, step, null, null, 0, trigger);
    }

    public static Chaos stepSlow(String step, Duration delay, Trigger trigger) {
        return new Chaos(Kind.STEP_SLOW, step, delay, delay, 0, trigger);
    }

    public static Chaos forceOpen(String breaker) {
        return new Chaos(Kind.FORCE_OPEN, breaker, null, null, 0, null);
    }

    public static Chaos forceClosed(String breaker) {
        return new Chaos(Kind.FORCE_CLOSED, breaker, null, null, 0, null);
    }

    public static Chaos ollamaDown() {
        return new Chaos(Kind.OLLAMA_DOWN, null, null, null, 0, null);
    }

    public static Chaos ollamaLatency(Duration low, Duration high) {
        return new Chaos(Kind.OLLAMA_LATENCY, null, low, high, 0, null);
    }

    public static Chaos ollamaFailRate(double rate) {
        return new Chaos(Kind.OLLAMA_FAIL_RATE, null, null, null, rate, null);
    }

    public static Chaos ollamaBusyRate(double rate) {
        return new Chaos(Kind.OLLAMA_BUSY_RATE, null, null, null, rate, null);
    }

    public static Chaos ollamaMalformed() {
        return new Chaos(Kind.OLLAMA_MALFORMED, null, null, null, 0, null);
    }

    public static Chaos ollamaCutStream() {
        return new Chaos(Kind.OLLAMA_CUT_STREAM, null, null, null, 0, null);
    }

    public static Chaos ollamaHang() {
        return new Chaos(Kind.OLLAMA_HANG, null, null, null, 0, null);
    }

    /** The same fault aimed at one pool endpoint only (an {@code ollama-*} fault). */
    public Chaos onEndpoint(String endpoint) {
        if (!kind.isLlmFault()) {
            throw new IllegalArgumentException(kind.label() + " is not aimed at an Ollama endpoint");
        }
        return new Chaos(kind, endpoint, low, high, rate, trigger);
    }

    /** The agent's broker connection blocked: every remote step fails at once and falls back. */
    public static Chaos brokerDown() {
        return new Chaos(Kind.BROKER_DOWN, null, null, null, 0, null);
    }

    /** The named remote worker stops taking work until the fault is removed. */
    public static Chaos workerStop(String worker) {
        return new Chaos(Kind.WORKER_STOP, worker, null, null, 0, null);
    }

    /** What identifies the fault among the active ones: its kind and target, e.g. {@code "slow:goal_selection"}. */
    public String key() {
        return target == null ? kind.label() : kind.label() + ":" + target;
    }

    // ------------------------------------------------------------------ text form

    /**
     * Parses the text form (see the class comment).
     *
     * @throws IllegalArgumentException with a message that names the bad part
     */
    public static Chaos parse(String text) {
        String s = Objects.requireNonNull(text, "text").trim();
        try {
            return parseOrThrow(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(s + ": " + e.getMessage(), e);
        }
    }

    private static Chaos parseOrThrow(String s) {
        int colon = s.indexOf(':');
        String head = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? null : s.substring(colon + 1);
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.label.equals(head)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("unknown chaos '" + head + "'; use one of: " + FORMS);
        }
        switch (kind) {
            case WORKER_STOP -> {
                return workerStop(need(arg, "worker-stop:<name>"));
            }
            case BROKER_DOWN -> {
                if (arg != null) {
                    throw new IllegalArgumentException(kind.label + " takes no argument");
                }
                return brokerDown();
            }
            case OLLAMA_DOWN, OLLAMA_MALFORMED, OLLAMA_CUT_STREAM, OLLAMA_HANG -> {
                // No argument: every endpoint; an argument names the one endpoint.
                return new Chaos(kind, arg == null ? null : need(arg, kind.label + ":<endpoint>"), null, null, 0, null);
            }
            case OLLAMA_LATENCY -> {
                String a = need(arg, "ollama-latency:[<endpoint>=]<ms>[-<ms>]");
                String endpoint = endpointOf(a);
                a = a.substring(a.indexOf('=') + 1);
                String[] parts = a.split("-", 2);
                Duration lo = millis(parts[0]);
                Chaos all = ollamaLatency(lo, parts.length == 2 ? millis(parts[1]) : lo);
                return endpoint == null ? all : all.onEndpoint(endpoint);
            }
            case OLLAMA_FAIL_RATE, OLLAMA_BUSY_RATE -> {
                String a = need(arg, kind.label + ":[<endpoint>=]<0..1>");
                return new Chaos(kind, endpointOf(a), null, null, rate(a.substring(a.indexOf('=') + 1)), null);
            }
            case FORCE_OPEN, FORCE_CLOSED -> {
                return new Chaos(kind, need(arg, kind.label + ":<breaker>"), null, null, 0, null);
            }
            default -> {
                String a = need(arg, kind.label + ":<step>" + (kind == Kind.STEP_SLOW ? "=<ms>" : ""));
                Trigger trigger = Trigger.ALWAYS;
                int comma = a.indexOf(',');
                if (comma >= 0) {
                    trigger = Trigger.parse(a.substring(comma + 1));
                    a = a.substring(0, comma);
                }
                if (kind == Kind.STEP_SLOW) {
                    int eq = a.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("expected slow:<step>=<ms>");
                    }
                    return stepSlow(a.substring(0, eq), millis(a.substring(eq + 1)), trigger);
                }
                return new Chaos(kind, a, null, null, 0, trigger);
            }
        }
    }

    /** The endpoint before '=' in {@code <endpoint>=<value>}, or null when the value is given alone. */
    private static String endpointOf(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? null : arg.substring(0, eq);
    }

    private static Trigger parseTrigger(String t) {
        if (t.startsWith("p=")) {
            return Trigger.probability(number(t.substring(2), "a probability in (0, 1]"));
        }
        if (t.startsWith("every=")) {
            try {
                return Trigger.everyNth(Integer.parseInt(t.substring(6)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t.substring(6) + "' is not a whole number of calls");
            }
        }
        throw new IllegalArgumentException("'" + t + "' is not a trigger (p=<0..1> or every=<n>)");
    }

    private static String need(String arg, String form) {
        if (arg == null || arg.isEmpty()) {
            throw new IllegalArgumentException("expected " + form);
        }
        return arg;
    }

    /**
     * A rate field as the text forms write it ({@code 0.25}); a front end's form reads its rate field
     * with it, so the form and {@code --chaos} say the same about a bad value.
     *
     * @throws IllegalArgumentException if it is not a number (the range is checked by the factories)
     */
    public static double rate(String v) {
        return number(v.trim(), "a rate between 0 and 1");
    }

    private static double number(String v, String what) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not " + what);
        }
    }

    /**
     * A delay field as the text forms write it (whole milliseconds, e.g. {@code 3000}).
     *
     * @throws IllegalArgumentException if it is not a whole, non-negative number
     */
    public static Duration millis(String v) {
        try {
            long ms = Long.parseLong(v.trim());
            if (ms < 0) {
                throw new IllegalArgumentException("milliseconds cannot be negative: " + v);
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number of milliseconds");
        }
    }

    /** The text form, e.g. {@code slow:goal_selection=3000,p=0.5}; {@link #parse(String)} reads it back. */
    @Override
    public String toString() {
        return switch (kind) {
            case STEP_FAIL, STEP_HANG -> kind.label + ":" + target + trigger;
            case STEP_SLOW -> "slow:" + target + "=" + low.toMillis() + trigger;
            case FORCE_OPEN, FORCE_CLOSED, WORKER_STOP -> kind.label + ":" + target;
            case OLLAMA_LATENCY -> "ollama-latency:" + (target == null ? "" : target + "=") + low.toMillis()
                    + (high.equals(low) ? "" : "-" + high.toMillis());
            case OLLAMA_FAIL_RATE, OLLAMA_BUSY_RATE -> kind.label + ":" + (target == null ? "" : target + "=")
                    + String.format(Locale.ROOT, "%s", rate);
            default -> target == null ? kind.label : kind.label + ":" + target;
        };
    }
}
