package dev.tickguard.app;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.config.LogLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parsed command line. A {@code null} field means "not given": the configuration decides.
 */
record CommandLine(boolean headless, boolean help, Long ticks, Duration interval, Path config, Path data, Path plugins,
                   LogLevel logLevel, List<Chaos> chaos, boolean simulator, String ollamaUrl, Long seed,
                   Integer metricsPort, boolean version) {

    static final String USAGE = """
            Usage: tickguard [--headless] [options]

            Opens the dashboard window; with --headless runs without a window (for servers).

              --headless            run without a window (logs to the console)
              --ticks N             stop after N ticks (default: run until stopped)
              --interval SECONDS    time between tick starts (0 = back to back; default 60)
              --config FILE         read settings from FILE (default: <data>/config.yaml if present)
              --data DIR            data folder: journal, cache, memory, sandboxes (default ~/.tickguard)
              --plugins DIR         folder of step plugin JARs (default <data>/plugins)
              --log-level LEVEL     ERROR, WARN, INFO, DEBUG or TRACE
              --chaos SPEC          inject a fault; repeatable. SPEC is one of:
                                    %s
              --simulator           use the built-in Ollama simulator instead of a real Ollama
              --seed N              the simulator's random seed (default 42)
              --ollama URL          the Ollama server (default http://localhost:11434)
              --metrics-port PORT   serve Prometheus metrics on http://127.0.0.1:PORT/metrics (0 = any free port)
              --version             print the version and exit
              -h, --help            show this help
            """.formatted(Chaos.FORMS);

    static CommandLine parse(String[] args) throws UsageException {
        boolean headless = false;
        boolean help = false;
        boolean version = false;
        boolean simulator = false;
        Long ticks = null;
        Long seed = null;
        Duration interval = null;
        Path config = null;
        Path data = null;
        Path plugins = null;
        LogLevel level = null;
        String ollama = null;
        Integer metricsPort = null;
        List<Chaos> chaos = new ArrayList<>();
        java.util.Set<String> given = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                inline = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            // Only --chaos adds up; any other option given twice is a mistake (which one was meant?).
            String option = a.equals("-h") ? "--help" : a;
            if (option.startsWith("--") && !option.equals("--chaos") && !given.add(option)) {
                throw new UsageException("option " + option + " is given twice: give it once");
            }
            if (inline != null && inline.isBlank()) {
                throw new UsageException(a + " needs a value after '='");
            }
            switch (a) {
                case "--headless" -> headless = true;
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--simulator" -> simulator = true;
                case "--ticks" -> {
                    ticks = positiveLong(a, inline != null ? inline : value(args, ++i, a));
                }
                case "--seed" -> seed = longValue(a, inline != null ? inline : value(args, ++i, a));
                case "--metrics-port" -> {
                    long p = longValue(a, inline != null ? inline : value(args, ++i, a));
                    if (p < 0 || p > 65_535) {
                        throw new UsageException(a + ": must be a port between 0 and 65535, got " + p);
                    }
                    metricsPort = (int) p;
                }
                case "--interval" -> interval = seconds(a, inline != null ? inline : value(args, ++i, a));
                case "--config" -> config = Path.of(inline != null ? inline : value(args, ++i, a));
                case "--data" -> data = Path.of(inline != null ? inline : value(args, ++i, a));
                case "--plugins" -> plugins = Path.of(inline != null ? inline : value(args, ++i, a));
                case "--ollama" -> {
                    ollama = inline != null ? inline : value(args, ++i, a);
                    if (!ollama.startsWith("http://") && !ollama.startsWith("https://")) {
                        throw new UsageException("--ollama: '" + ollama + "' is not an http:// or https:// URL");
                    }
                }
                case "--log-level" -> {
                    String v = inline != null ? inline : value(args, ++i, a);
                    try {
                        level = LogLevel.valueOf(v.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--log-level: '" + v + "' is not one of ERROR, WARN, INFO, DEBUG, TRACE");
                    }
                }
                case "--chaos" -> {
                    try {
                        chaos.add(Chaos.parse(inline != null ? inline : value(args, ++i, a)));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--chaos " + e.getMessage());
                    }
                }
                default -> throw new UsageException("unknown option '" + args[i] + "' (try --help)");
            }
        }
        return new CommandLine(headless, help, ticks, interval, config, data, plugins, level, List.copyOf(chaos),
                simulator, ollama, seed, metricsPort, version);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static long longValue(String option, String v) throws UsageException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + v + "' is not a whole number");
        }
    }

    private static long positiveLong(String option, String v) throws UsageException {
        long n = longValue(option, v);
        if (n < 1) {
            throw new UsageException(option + ": must be at least 1, got " + v);
        }
        return n;
    }

    private static Duration seconds(String option, String v) throws UsageException {
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
}
