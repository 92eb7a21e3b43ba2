package dev.tickguard.app;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.config.LogLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The options of one run of the agent (the {@code tickguard} command without a subcommand), checked.
 * A {@code null} field means "not given": the configuration decides.
 */
record RunOptions(boolean headless, boolean help, Long ticks, Duration interval, Path config, Path data, Path plugins,
                  LogLevel logLevel, List<Chaos> chaos, boolean simulator, String ollamaUrl, Long seed,
                  Integer metricsPort, boolean version) {

    /** Parses a command line meant for the agent (tests; {@link Main} goes through {@link Commands}). */
    static RunOptions parse(String[] args) throws UsageException {
        var parsed = Commands.parse(Commands.line(), args);
        if (parsed.subcommand() != null) {
            throw new UsageException("'" + parsed.subcommand().commandSpec().name() + "' is a subcommand, not agent options");
        }
        return ((AgentCommand) parsed.commandSpec().userObject()).options();
    }
}
