package dev.tickguard.app;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * A {@code tickguard} subcommand ({@code tickguard worker}, {@code tickguard history}): a picocli
 * {@code @Command} class whose options picocli fills, run by {@link Main} with the same exit codes
 * as the agent (0 done, 2 a user's mistake, 1 a failure).
 */
interface Subcommand {
    /**
     * @param in typed commands (stdin), for subcommands that take them
     * @return the process's exit code
     * @throws UsageException a user's mistake, printed as one line, exit code 2
     */
    int run(InputStream in, PrintStream out, PrintStream err) throws UsageException, InterruptedException;
}
