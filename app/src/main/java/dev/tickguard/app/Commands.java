package dev.tickguard.app;

import dev.tickguard.chaos.Chaos;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code tickguard} command line on picocli: the agent's options ({@link AgentCommand}) and the
 * subcommands. Picocli parses; the errors are ours, one line naming the option and the value.
 */
final class Commands {
    /** Every subcommand, by a fresh instance (picocli fills its fields). Add new ones here. */
    static final List<Supplier<Subcommand>> SUBCOMMANDS = List.of();

    private Commands() {
    }

    static CommandLine line() {
        CommandLine line = new CommandLine(new AgentCommand());
        for (Supplier<Subcommand> s : SUBCOMMANDS) {
            line.addSubcommand(s.get());
        }
        // A value given twice is a mistake (which one was meant?); only --chaos adds up.
        line.setOverwrittenOptionsAllowed(false);
        line.getCommandSpec().usageMessage().footer(Chaos.FORMS.replace("%", "%%"));
        return line;
    }

    static ParseResult parse(CommandLine line, String[] args) throws UsageException {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (a.startsWith("-") && eq > 0 && a.substring(eq + 1).isBlank()) {
                throw new UsageException(a.substring(0, eq) + " needs a value after '='");
            }
        }
        try {
            return line.parseArgs(args);
        } catch (CommandLine.OverwrittenOptionException e) {
            throw new UsageException("option " + name(e.getOverwritten()) + " is given twice: give it once");
        } catch (CommandLine.MissingParameterException e) {
            var missing = e.getMissing();
            throw new UsageException(missing.isEmpty() ? e.getMessage() : name(missing.get(0)) + " needs a value");
        } catch (CommandLine.UnmatchedArgumentException e) {
            String first = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
            throw new UsageException((first.startsWith("-") ? "unknown option '" : "unexpected argument '") + first
                    + "' (try --help)");
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Prints the usage of the command the user asked help for (the agent or a subcommand). */
    static void usage(ParseResult parsed, PrintStream out) {
        ParseResult last = parsed;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        last.commandSpec().commandLine().usage(out);
    }

    private static String name(CommandLine.Model.ArgSpec spec) {
        return spec instanceof OptionSpec o ? o.longestName() : spec.paramLabel();
    }
}
