package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The command line moved to picocli (subcommands); a user's mistake still gets one line naming the
 * option or word, exit code 2, and no picocli or Java wording.
 */
class CommandLineErrorsNameTheArgumentTest {
    @Test
    void aStrayWordIsNamed() {
        CliRun r = CliRun.of("quit");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tickguard: unexpected argument 'quit' (try --help)");
    }

    @Test
    void anUnknownOptionIsNamed() {
        CliRun r = CliRun.of("--bogus=1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tickguard: unknown option '--bogus=1' (try --help)");
    }

    @Test
    void anOptionFollowedByAnotherOptionNeedsAValue() {
        CliRun r = CliRun.of("--ollama", "--headless");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tickguard: --ollama needs a value");
    }

    @Test
    void helpListsEveryOptionAndTheChaosForms() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--headless", "--ticks=N", "--interval=SECONDS", "--config=FILE", "--data=DIR",
                "--plugins=DIR", "--log-level=LEVEL", "--chaos=SPEC", "--simulator", "--seed=N", "--ollama=URL",
                "--metrics-port=PORT", "--version", "-h, --help", "ollama-cut-stream");
    }
}
