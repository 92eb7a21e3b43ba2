package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed app's start script ({@code src-packaging/linux/launch}, {@code /opt/tickguard/lib/launch},
 * what the menu entry and {@code /usr/bin/tickguard} run; issue 18, the installed app's first frame):
 * jpackage's own Linux launcher asks the package manager which package owns it on every start, 0.35-0.4 s
 * before Java starts. The script must start the image's Java exactly as that launcher would, from the
 * launcher's own configuration, also when called through a symbolic link. Run on a made-up image whose
 * {@code java} records how it was called.
 */
@EnabledOnOs(OS.LINUX)
class InstalledStartScriptTest {
    @TempDir
    Path root;
    private Path image;
    private Path calls;

    @BeforeEach
    void image() throws IOException {
        image = root.resolve("opt dir/tickguard"); // a space in the path, as a user's own location may have
        Path lib = Files.createDirectories(image.resolve("lib/app"));
        Files.copy(Path.of("..", "src-packaging", "linux", "launch"), image.resolve("lib/launch"));
        Files.setPosixFilePermissions(image.resolve("lib/launch"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(Path.of("launch-env"), image.resolve("lib/launch-env"));
        Files.writeString(lib.resolve("tickguard.cfg"), """
                [Application]
                app.mainmodule=dev.tickguard.app/dev.tickguard.app.Main

                [JavaOptions]
                java-options=-Djpackage.app-version=1.2.3
                java-options=-XX:+UseSerialGC
                java-options=--module-path
                java-options=$APPDIR/mods
                """);
        calls = root.resolve("calls");
        Path java = Files.createDirectories(image.resolve("lib/runtime/bin")).resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                for a in "$@"; do printf '%%s\\n' "$a"; done >"%s"
                echo "GDK_GL=${GDK_GL-unset}" >>"%s"
                """.formatted(calls, calls));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String run(Path script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("GDK_GL");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void itStartsTheImagesJavaWithTheLaunchersOptionsThenTheMainModuleThenTheUsersArguments() throws Exception {
        run(image.resolve("lib/launch"), "--simulator", "an argument with spaces");

        List<String> args = Files.readAllLines(calls);
        String app = image.resolve("lib/app").toString();
        assertThat(args).startsWith("-Djpackage.app-version=1.2.3", "-XX:+UseSerialGC", "--module-path", app + "/mods");
        assertThat(args).containsSubsequence("-m", "dev.tickguard.app/dev.tickguard.app.Main", "--simulator",
                "an argument with spaces");
        assertThat(args).anyMatch(a -> a.startsWith("-Djpackage.app-path=") && a.endsWith("/bin/tickguard"));
        assertThat(args.get(args.size() - 1)).as("the launch environment is the source checkout's")
                .startsWith("GDK_GL=");
    }

    @Test
    void throughASymbolicLinkAsUsrBinTickguardItFindsItsImage() throws Exception {
        Path bin = Files.createDirectories(root.resolve("usr/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("tickguard"), image.resolve("lib/launch"));

        run(link, "--version");

        assertThat(Files.readAllLines(calls)).contains(image.resolve("lib/app").toString() + "/mods", "--version");
    }

    @Test
    void aDamagedInstallationSaysSoInOneLine() throws Exception {
        Files.delete(image.resolve("lib/app/tickguard.cfg"));
        Process p = new ProcessBuilder(image.resolve("lib/launch").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out.strip()).startsWith("tickguard: the installation is damaged").contains("tickguard.cfg")
                .doesNotContain("\n");
    }
}
