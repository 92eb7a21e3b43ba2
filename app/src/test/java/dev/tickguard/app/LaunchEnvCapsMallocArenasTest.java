package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code app/launch-env} (sourced by ./tickguard and the installed launcher) caps glibc's malloc arenas
 * at two, for the window's resident memory (issue 18), and keeps a cap the user set.
 */
@EnabledOnOs(OS.LINUX)
class LaunchEnvCapsMallocArenasTest {
    private static String arenasAfterSourcing(String preset) throws Exception {
        // As the launchers source it (set -euo pipefail), and read back from a child: exported, not just set.
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; . \"$1\"; printenv MALLOC_ARENA_MAX || echo unset", "bash",
                Path.of("launch-env").toAbsolutePath().toString()).redirectErrorStream(true);
        pb.environment().remove("MALLOC_ARENA_MAX");
        if (preset != null) {
            pb.environment().put("MALLOC_ARENA_MAX", preset);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theLaunchEnvironmentCapsMallocArenasAtTwo() throws Exception {
        assertThat(arenasAfterSourcing(null)).isEqualTo("2");
    }

    @Test
    void aCapTheUserSetIsKept() throws Exception {
        assertThat(arenasAfterSourcing("8")).isEqualTo("8");
    }
}
