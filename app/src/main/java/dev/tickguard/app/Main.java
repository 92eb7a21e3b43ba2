package dev.tickguard.app;

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
            code = run(args, System.out, System.err);
        } catch (Throwable t) {
            // Whatever went wrong, the process ends: a non-daemon thread (the simulator's, OkHttp's) must
            // not keep a failed start alive.
            System.err.println("tickguard: unexpected failure: " + t);
        } finally {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (UsageException e) {
            e.getMessage().lines().forEach(line -> err.println("tickguard: " + line));
            return 2;
        }
        if (cli.help()) {
            out.print(CommandLine.USAGE);
            return 0;
        }
        if (!cli.headless()) {
            err.println("tickguard: this build has no dashboard yet; run with --headless (see --help)");
            return 2;
        }
        try {
            var config = TickguardRuntime.configFrom(cli);
            ConsoleLogging.install(config.logLevel(), out);
            TickguardRuntime rt = TickguardRuntime.create(config, cli);
            return HeadlessRunner.run(rt, cli.ticks());
        } catch (UsageException e) {
            e.getMessage().lines().forEach(line -> err.println("tickguard: " + line));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            // A bug, not a user mistake: still one line, and main() exits instead of hanging on threads.
            err.println("tickguard: unexpected failure: " + e);
            return 1;
        }
    }
}
