package dev.tickguard.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7.7: config problems are clear sentences with the path and the reason (not UTF-8 text at
 * line N, duplicate key), one problem per line, in line order.
 */
class ConfigErrorMessagesTest {
    @TempDir
    Path dir;

    @Test
    void aBinaryFileSaysWhereItStopsBeingText() throws Exception {
        Path f = dir.resolve("config.yaml");
        Files.write(f, new byte[] {'t', 'i', 'c', 'k', ':', '\n', ' ', ' ', 'x', ':', ' ', '1', '\n', (byte) 0x89, 'P', 'N', 'G'});
        assertThatThrownBy(() -> ConfigLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessage(f + ": not UTF-8 text at line 3 (is it a binary file?)");
    }

    @Test
    void aNulByteIsNotText() throws Exception {
        Path f = dir.resolve("config.yaml");
        Files.write(f, new byte[] {'t', 'i', 'c', 'k', ':', '\n', 0, 0});
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageContaining("not UTF-8 text at line 2");
    }

    @Test
    void aDuplicateKeyIsRefusedWithBothLines() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "tick:\n  interval_sec: 5\n  interval_sec: 9\n"))
                .hasMessage("c.yaml:3: tick.interval_sec: duplicate key (first given at line 2)");
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "tick:\n  interval_sec: 5\nlogging:\n  level: INFO\ntick:\n  limit_sec: 9\n"))
                .hasMessageContaining("c.yaml:5: tick: duplicate key (first given at line 1)");
    }

    @Test
    void severalProblemsOnePerLineInLineOrder() {
        String yaml = """
                budgets:
                  optional_sec: -3
                tick:
                  limit_sec: soon
                  interval_sec: 4
                  interval_sec: 5
                breaker:
                  failure_threshold: 0
                nonsense: 1
                """;
        ConfigException e = catchThrowableOfType(() -> ConfigLoader.parse("c.yaml", yaml), ConfigException.class);
        assertThat(e.problems()).hasSize(5);
        assertThat(e.problems().get(0)).startsWith("c.yaml:2: budgets.optional_sec:");
        assertThat(e.problems().get(1)).startsWith("c.yaml:4: tick.limit_sec:");
        assertThat(e.problems().get(2)).startsWith("c.yaml:6: tick.interval_sec: duplicate key");
        assertThat(e.problems().get(3)).startsWith("c.yaml:8: breaker.failure_threshold:");
        assertThat(e.problems().get(4)).startsWith("c.yaml:9: nonsense: unknown key");
    }

    @Test
    void aFolderInsteadOfAFileIsSaidSo() throws Exception {
        Path f = Files.createDirectories(dir.resolve("config.yaml"));
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessage(f + ": is a directory, not a config file");
    }
}
