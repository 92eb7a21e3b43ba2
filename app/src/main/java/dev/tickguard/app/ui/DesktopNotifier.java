package dev.tickguard.app.ui;

import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Shows a desktop notification with {@code notify-send} (libnotify, on most Linux desktops), started
 * with {@link ProcessBuilder} so nothing waits for it. Where it is not installed, {@link #available}
 * is false and the switch says so; java.awt.SystemTray is not used: loading AWT next to JavaFX costs
 * start-up time and memory for a popup, and it has no tray on most Linux desktops anyway.
 */
final class DesktopNotifier implements BiConsumer<String, String> {
    private static final Logger LOG = Logger.getLogger("tickguard");
    private final boolean available;

    DesktopNotifier(String pathEnv) {
        this.available = FolderOpener.onPath(pathEnv, "notify-send");
    }

    boolean available() {
        return available;
    }

    /** The command for one notification. */
    static List<String> command(String title, String body) {
        return List.of("notify-send", "--app-name=Tickguard", title, body == null ? "" : body);
    }

    @Override
    public void accept(String title, String body) {
        LOG.info("[Dashboard] notification: " + title + (body == null || body.isBlank() ? "" : ": " + body));
        if (!available) {
            return;
        }
        try {
            new ProcessBuilder(command(title, body)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.warning("[Dashboard] notify-send could not be started: " + e.getMessage());
        }
    }
}
