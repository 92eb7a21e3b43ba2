package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app/jvm.options} asks the JVM to skip options it does not know, so that a newer JDK, which
 * dropped one of G1's tuning flags, still starts Tickguard. That would also hide a misspelt option on
 * the JDK Tickguard is built and packaged with; so here the same JDK that runs the tests starts with
 * every option in the file and without the permission to skip, and must accept them all.
 */
class JvmOptionsKnownTest {
    @TempDir
    Path dir;

    @Test
    void everyOptionInJvmOptionsIsKnownToTheBuildJdk() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("jvm.options"), StandardCharsets.UTF_8);
        assertThat(lines).as("the permission to skip unknown options").contains("-XX:+IgnoreUnrecognizedVMOptions");
        Path strict = dir.resolve("strict.options");
        Files.write(strict, lines.stream().filter(l -> !l.equals("-XX:+IgnoreUnrecognizedVMOptions")).toList());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "@" + strict, "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).doesNotContain("Unrecognized", "Ignoring option", "obsolete", "Error");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
