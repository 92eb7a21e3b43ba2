package dev.tickguard.app;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.config.LogLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickguard [options]}: runs the agent, with the dashboard or {@code --headless}. Values are
 * kept as given and checked in {@link #options()}, so every error names the option and the value.
 */
@Command(name = "tickguard", sortOptions = false, usageHelpWidth = 110,
        description = "Runs the agent's heavy ticks. Opens the dashboard window; with --headless runs without"
                + " a window (for servers).",
        footerHeading = "%nChaos SPEC is one of:%n")
final class AgentCommand {
    @Option(names = "--headless", description = "run without a window (logs to the console)")
    boolean headless;

    @Option(names = "--ticks", paramLabel = "N", description = "stop after N ticks (default: run until stopped)")
    String ticks;

    @Option(names = "--interval", paramLabel = "SECONDS",
            description = "time between tick starts (0 = back to back; default 60)")
    String interval;

    @Option(names = "--config", paramLabel = "FILE",
            description = "read settings from FILE (default: <data>/config.yaml if present)")
    Path config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "data folder: database, logs, sandboxes (default ~/.tickguard)")
    Path data;

    @Option(names = "--plugins", paramLabel = "DIR", description = "folder of step plugin JARs (default <data>/plugins)")
    Path plugins;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "ERROR, WARN, INFO, DEBUG or TRACE")
    String logLevel;

    @Option(names = "--chaos", paramLabel = "SPEC", description = "inject a fault; repeatable (forms below)")
    List<String> chaos = new ArrayList<>();

    @Option(names = "--simulator", description = "use the built-in Ollama simulator instead of a real Ollama")
    boolean simulator;

    @Option(names = "--seed", paramLabel = "N", description = "the simulator's random seed (default 42)")
    String seed;

    @Option(names = "--ollama", paramLabel = "URL", description = "the Ollama server (default http://localhost:11434)")
    String ollama;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "serve Prometheus metrics on http://127.0.0.1:PORT/metrics (0 = any free port)")
    String metricsPort;

    @Option(names = "--version", description = "print the version and exit")
    boolean version;

    @Option(names = {"-h", "--help"}, description = "show this help")
    boolean help;

    RunOptions options() throws UsageException {
        List<Chaos> faults = new ArrayList<>();
        for (String spec : chaos) {
            try {
                faults.add(Chaos.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--chaos " + e.getMessage());
            }
        }
        LogLevel level = null;
        if (logLevel != null) {
            try {
                level = LogLevel.valueOf(logLevel.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--log-level: '" + logLevel + "' is not one of ERROR, WARN, INFO, DEBUG, TRACE");
            }
        }
        return new RunOptions(headless, help,
                ticks == null ? null : OptionValues.positiveLong("--ticks", ticks),
                interval == null ? null : OptionValues.seconds("--interval", interval),
                config, data, plugins, level, List.copyOf(faults), simulator,
                ollama == null ? null : OptionValues.httpUrl("--ollama", ollama),
                seed == null ? null : OptionValues.longValue("--seed", seed),
                metricsPort == null ? null : OptionValues.port("--metrics-port", metricsPort),
                version);
    }
}
