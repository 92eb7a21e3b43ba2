package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source checkout's launcher ({@code ./tickguard}) and its class-data archive (issue 18, the first
 * frame). Run on a copy of the launcher in a checkout of its own, with a stand-in {@code java} that
 * records how it was called: a real JVM maps the archive, and one cut short while being written
 * crashed every start that mapped it (SIGBUS), so the launcher takes a finished archive only after a
 * trial start with it succeeds.
 */
@EnabledOnOs(OS.LINUX)
class LauncherClassDataArchiveTest {
    @TempDir
    Path checkout;
    private Path target;
    private Path calls;

    @BeforeEach
    void checkout() throws IOException {
        Files.copy(Path.of("..", "tickguard"), checkout.resolve("tickguard"));
        target = Files.createDirectories(checkout.resolve("app/target"));
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("tickguard-app.jar"), "");
        Files.writeString(checkout.resolve("app/jvm.options"), "-Xss1m\n");
        Files.copy(Path.of("launch-env"), checkout.resolve("app/launch-env"));
        Files.writeString(target.resolve("lib/.tickguard-built"), "");
        calls = checkout.resolve("calls");
        // The stand-in JVM: a trial start (it maps a candidate archive, tickguard.jsa.<pid>) crashes
        // as a JVM does on a truncated one when the candidate holds "cut short".
        Path bin = Files.createDirectories(checkout.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                echo "$*" >>"%s"
                for a in "$@"; do
                  case "$a" in -XX:SharedArchiveFile=*.jsa.*) grep -q "cut short" "${a#*=}" && kill -BUS $$ ;; esac
                done
                exit 0
                """.formatted(calls));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", checkout.resolve("tickguard").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().remove("TICKGUARD_JAVA_OPTS");
        pb.environment().put("JAVA_HOME", checkout.resolve("jdk").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Files.readAllLines(calls);
    }

    @Test
    void anArchiveCutShortWhileBeingWrittenIsDeletedNotMapped() throws Exception {
        Files.writeString(target.resolve("tickguard.jsa.999999"), "cut short");

        List<String> calls = launch(Map.of(), "--headless", "--ticks", "1");

        assertThat(target.resolve("tickguard.jsa.999999")).doesNotExist();
        assertThat(target.resolve("tickguard.jsa")).doesNotExist();
        // The trial, then the start itself: without any archive.
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1)).doesNotContain("SharedArchiveFile").contains("--headless --ticks 1");
    }

    @Test
    void aFinishedArchiveIsTakenAndMappedByTheNextStarts() throws Exception {
        Files.writeString(target.resolve("tickguard.jsa.999999"), "a finished archive");

        List<String> calls = launch(Map.of(), "--headless");

        assertThat(target.resolve("tickguard.jsa")).hasContent("a finished archive");
        assertThat(calls.get(calls.size() - 1))
                .contains("-XX:SharedArchiveFile=" + target.resolve("tickguard.jsa") + " ");
    }

    @Test
    void onlyAWindowStartWritesTheArchiveAndTickguardCdsOffLeavesItOut() throws Exception {
        assertThat(launch(Map.of("DISPLAY", ":99"), "--headless")).last().asString().doesNotContain("Archive");
        assertThat(launch(Map.of("DISPLAY", ":99"), "history")).last().asString().doesNotContain("Archive");
        assertThat(launch(Map.of(), "--simulator")).last().asString().doesNotContain("Archive");
        assertThat(launch(Map.of("DISPLAY", ":99"), "--simulator")).last().asString()
                .contains("-XX:ArchiveClassesAtExit=" + target.resolve("tickguard.jsa."));
        assertThat(launch(Map.of("DISPLAY", ":99", "TICKGUARD_CDS", "off"), "--simulator")).last().asString()
                .doesNotContain("Archive").doesNotContain("-Xlog:cds");
    }
}
