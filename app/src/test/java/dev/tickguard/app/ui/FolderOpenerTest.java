package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 item 6: "Open plugins folder" silently did nothing on Linux; it uses the platform's command, or says why not. */
class FolderOpenerTest {
    @TempDir
    Path tmp;

    private Path bin(String... programs) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin" + programs.length));
        for (String p : programs) {
            Path f = Files.writeString(bin.resolve(p), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    @Test
    void linuxUsesXdgOpenFromThePathThenGioAndOtherwiseNothing() throws Exception {
        Path dir = tmp.resolve("plugins");
        String both = bin("xdg-open", "gio") + File.pathSeparator + "/nonexistent";
        assertThat(FolderOpener.command("Linux", both, dir)).isEqualTo(List.of("xdg-open", dir.toAbsolutePath().toString()));
        assertThat(FolderOpener.command("Linux", bin("gio").toString(), dir))
                .isEqualTo(List.of("gio", "open", dir.toAbsolutePath().toString()));
        assertThat(FolderOpener.command("Linux", bin().toString(), dir)).isNull();
        assertThat(FolderOpener.command("Linux", null, dir)).isNull();
    }

    @Test
    void macAndWindowsUseTheirOwnCommands() {
        Path dir = tmp.resolve("plugins");
        assertThat(FolderOpener.command("Mac OS X", "", dir).get(0)).isEqualTo("open");
        assertThat(FolderOpener.command("Windows 11", "", dir).get(0)).isEqualTo("explorer.exe");
    }
}
