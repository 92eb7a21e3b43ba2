package dev.tickguard.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * Tickguard's icon for the dashboard window (title bar, task bar, Alt+Tab), at the sizes desktops
 * pick from. The same icon as the installed menu entry: src-packaging/make-icons renders both.
 */
final class WindowIcons {
    static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256};

    private WindowIcons() {
    }

    /** The icon at every size in the app's resources; a missing one is left out, never fatal. */
    static List<Image> load() {
        List<Image> icons = new ArrayList<>();
        for (int size : SIZES) {
            try (InputStream in = WindowIcons.class.getResourceAsStream("icons/tickguard-" + size + ".png")) {
                if (in != null) {
                    icons.add(new Image(in));
                }
            } catch (IOException e) {
                // an unreadable resource: the window keeps the other sizes (or the default icon)
            }
        }
        return icons;
    }
}
