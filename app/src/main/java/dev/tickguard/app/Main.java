package dev.tickguard.app;

import dev.tickguard.app.ui.AppInfo;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The {@code tickguard} command. Exit codes: 0 after the requested ticks, 2 on a bad argument or
 * configuration (one clear line on stderr, no stack trace), 1 on an unexpected failure.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("tickguard: " + e.getMessage());
            return 2;
        }
        if (cli.help()) {
            out.print(CommandLine.USAGE);
            return 0;
        }
        try {
            var fromFile = TickguardRuntime.fileConfig(cli);
            var config = TickguardRuntime.withCommandLine(fromFile, cli);
            ConsoleLogging.install(config.logLevel(), out);
            TickguardRuntime rt = TickguardRuntime.create(config, cli);
            if (!cli.headless()) {
                return DashboardLauncher.run(rt, new AppInfo(rt.llm.url(), config.ollama().chatModel(),
                        rt.llm.simulated(), config.dataDir(), config.pluginsDir(), !cli.chaos().isEmpty(),
                        config.breaker().delay(), EffectiveSettings.of(fromFile, config)));
            }
            return HeadlessRunner.run(rt, cli.ticks());
        } catch (UsageException e) {
            err.println("tickguard: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("tickguard: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
