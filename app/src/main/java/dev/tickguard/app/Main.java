package dev.tickguard.app;

import dev.tickguard.app.ui.AppInfo;
import java.io.PrintStream;

/**
 * The {@code tickguard} command. Exit codes: 0 after the requested ticks, 2 on a bad argument or
 * configuration (one clear line on stderr, no stack trace), 1 on an unexpected failure.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = 1;
        try {
            code = run(args, ConsoleCommands.stdin(), System.out, System.err);
        } catch (Throwable t) {
            // Whatever went wrong, the process ends: a non-daemon thread (the simulator's, OkHttp's) must
            // not keep a failed start alive.
            System.err.println("tickguard: unexpected failure: " + t);
        } finally {
            System.exit(code);
        }
    }

    /** Runs with no typed commands (tests: a forked test JVM's stdin belongs to the test runner). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, java.io.InputStream.nullInputStream(), out, err);
    }

    /** @param in where typed commands come from (stdin); its end just means "no more commands" */
    static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err) {
        StartupTrace.mark("main");
        RunOptions cli;
        try {
            var parsed = Commands.parse(Commands.line(), args);
            var chosen = parsed;
            while (chosen.subcommand() != null) {
                chosen = chosen.subcommand();
            }
            if (chosen.isUsageHelpRequested() || chosen.commandSpec().userObject() instanceof AgentCommand a && a.help) {
                Commands.usage(parsed, out);
                return 0;
            }
            if (chosen.commandSpec().userObject() instanceof Subcommand sub) {
                return sub.run(in, out, err);
            }
            cli = ((AgentCommand) chosen.commandSpec().userObject()).options();
        } catch (UsageException e) {
            e.getMessage().lines().forEach(line -> err.println("tickguard: " + line));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (cli.version()) {
            out.println("tickguard " + Version.get());
            return 0;
        }
        WindowSignals signals = null;
        if (!cli.headless()) {
            signals = WindowSignals.install(); // first: a signal from now on ends the window in order
            String problem = DashboardLauncher.displayProblem(System.getenv(), System.getProperty("os.name"),
                    System.getProperty("glass.platform"));
            if (problem != null) {
                err.println("tickguard: " + problem);
                return 2;
            }
            ToolkitEarlyStart.begin();
        }
        try {
            var fromFile = TickguardRuntime.fileConfig(cli);
            var config = TickguardRuntime.withCommandLine(fromFile, cli);
            ConsoleLogging.install(config.logging().level(), out);
            StartupTrace.mark("configuration read");
            if (!cli.headless()) {
                // The window shows at once; the runtime (database, plugins, engine) is created behind it.
                return DashboardLauncher.run(signals, config.dataDir(), cli.simulator(), () -> TickguardRuntime.create(config, cli),
                        rt -> new AppInfo(rt.llm.url(), config.ollama().model(),
                                rt.llm.simulated(), config.dataDir(), config.pluginsDir(), !cli.chaos().isEmpty(),
                                config.breaker().delay(), EffectiveSettings.of(fromFile, rt.effectiveConfig())), err);
            }
            TickguardRuntime rt = TickguardRuntime.create(config, cli);
            return HeadlessRunner.run(rt, cli.ticks(), in, out);
        } catch (UsageException | InterruptedException | RuntimeException | LinkageError
                 | java.util.ServiceConfigurationError e) {
            return failed(e, err);
        }
    }

    /**
     * Reports why a start failed and returns the exit code: a user's mistake ({@link UsageException})
     * in its own words, exit 2; anything else is a bug: still one line, exit 1 (and main() exits
     * instead of hanging on threads).
     */
    static int failed(Throwable e, PrintStream err) {
        if (e instanceof UsageException) {
            e.getMessage().lines().forEach(line -> err.println("tickguard: " + line));
            return 2;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return 1;
        }
        err.println("tickguard: unexpected failure: " + e);
        return 1;
    }
}
