package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app/jvm.options} asks the JVM to skip options it does not know, so that a newer JDK, which
 * dropped one of G1's tuning flags, still starts Tickguard. That would also hide a misspelt option; so
 * here the JDK that runs the tests starts with every option in the file (less those it is known to
 * have dropped) and without the permission to skip, and must accept them all.
 */
class JvmOptionsKnownTest {
    private static final String SKIP_UNKNOWN = "-XX:+IgnoreUnrecognizedVMOptions";
    /** Options in the file that JDKs from this feature release on no longer have. */
    private static final Map<String, Integer> REMOVED_IN = Map.of("-XX:G1ConcRefinementServiceIntervalMillis", 20);

    @TempDir
    Path dir;

    private static boolean knownToThisJdk(String line) {
        int feature = Runtime.version().feature();
        return REMOVED_IN.entrySet().stream().noneMatch(e -> line.startsWith(e.getKey()) && feature >= e.getValue());
    }

    @Test
    void everyOptionInJvmOptionsIsKnownToTheBuildJdk() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("jvm.options"), StandardCharsets.UTF_8);
        assertThat(lines).as("the permission to skip unknown options").contains(SKIP_UNKNOWN);
        Path strict = dir.resolve("strict.options");
        Files.write(strict, lines.stream().filter(l -> !l.equals(SKIP_UNKNOWN)).filter(JvmOptionsKnownTest::knownToThisJdk).toList());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(java.toString(), "@" + strict, "-version").redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(out);
        assertThat(said).doesNotContain("Unrecognized", "Ignoring option", "obsolete", "Error");
        assertThat(p.exitValue()).as(said).isZero();
    }
}
