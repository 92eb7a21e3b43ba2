package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Regression: `--ticks 1 --ticks 2` was accepted (the last one won silently). */
class RepeatedOptionIsRefusedTest {
    @Test
    void anOptionGivenTwiceIsRefusedWithItsName() {
        assertThatThrownBy(() -> RunOptions.parse(new String[]{"--ticks", "1", "--ticks", "2"}))
                .isInstanceOf(UsageException.class).hasMessage("option --ticks is given twice: give it once");
        assertThatThrownBy(() -> RunOptions.parse(new String[]{"--interval=1", "--interval", "2"}))
                .hasMessage("option --interval is given twice: give it once");
    }

    @Test
    void chaosMayBeGivenManyTimes() throws Exception {
        RunOptions cli = RunOptions.parse(new String[]{"--chaos", "ollama-down", "--chaos", "fail:action"});
        assertThat(cli.chaos()).hasSize(2);
    }

    @Test
    void dashHIsHelpAndAnEmptyInlineValueIsRefused() {
        assertThatThrownBy(() -> RunOptions.parse(new String[]{"-h", "--help"}))
                .hasMessage("option --help is given twice: give it once");
        assertThatThrownBy(() -> RunOptions.parse(new String[]{"--config="})).isInstanceOf(UsageException.class)
                .hasMessage("--config needs a value after '='");
    }

    /** Issue 18.6: --version on the command line. */
    @Test
    void versionPrintsTheBuildsVersion() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("tickguard \\d+\\.\\d+\\.\\d+\\S*\\R");
    }
}
