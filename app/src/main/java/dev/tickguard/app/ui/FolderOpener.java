package dev.tickguard.app.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Opens a folder in the desktop's file manager with the platform's own command (xdg-open or gio on
 * Linux, open on macOS, explorer on Windows), started with {@link ProcessBuilder}. JavaFX's
 * {@code HostServices.showDocument} silently did nothing for a folder on Linux (issue 18 item 6);
 * here a missing command is an exception with the reason, which the Steps tab shows next to a
 * "Copy path" button.
 */
final class FolderOpener {
    private static final Logger LOG = Logger.getLogger("tickguard");

    private FolderOpener() {
    }

    /**
     * The command that opens {@code dir} on this platform, or null if none is installed.
     *
     * @param os the {@code os.name} property
     * @param path the {@code PATH} environment variable
     */
    static List<String> command(String os, String path, Path dir) {
        String name = os == null ? "" : os.toLowerCase(Locale.ROOT);
        String d = dir.toAbsolutePath().toString();
        if (name.contains("win")) {
            return List.of("explorer.exe", d);
        }
        if (name.contains("mac")) {
            return List.of("open", d);
        }
        if (onPath(path, "xdg-open")) {
            return List.of("xdg-open", d);
        }
        if (onPath(path, "gio")) {
            return List.of("gio", "open", d);
        }
        return null;
    }

    static boolean onPath(String path, String program) {
        if (path == null) {
            return false;
        }
        for (String p : path.split(File.pathSeparator)) {
            if (!p.isBlank() && Files.isExecutable(Path.of(p, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens the folder; returns at once (the file manager runs on its own).
     *
     * @throws IllegalStateException saying why it cannot: no command for this desktop, or it failed to start
     */
    static void open(Path dir) {
        List<String> cmd = command(System.getProperty("os.name"), System.getenv("PATH"), dir);
        if (cmd == null) {
            throw new IllegalStateException("no program to open folders is installed (xdg-open, from xdg-utils)");
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // xdg-open says it failed only by its exit code: log it rather than stay silent.
            p.onExit().thenAccept(done -> {
                if (done.exitValue() != 0) {
                    LOG.warning("[Dashboard] " + cmd.get(0) + " could not open " + dir + " (exit code "
                            + done.exitValue() + ")");
                }
            });
            LOG.info("[Dashboard] opening " + dir + " with " + cmd.get(0));
        } catch (IOException e) {
            throw new IllegalStateException(cmd.get(0) + " could not be started: " + e.getMessage(), e);
        }
    }
}
