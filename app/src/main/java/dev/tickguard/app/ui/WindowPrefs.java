package dev.tickguard.app.ui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * What the window remembers between runs: size, position, maximized, the selected bottom tab and
 * the theme, in {@code <data>/dashboard.properties}. Chaos is deliberately not remembered (off on
 * every start is the safe default). A missing or damaged file means defaults, never a failed start;
 * saving writes a temporary file and moves it into place, so a crash never leaves half a file.
 *
 * @param x left edge, or NaN for "let the platform centre it"
 * @param y top edge, or NaN
 * @param width window width
 * @param height window height
 * @param maximized whether the window was maximized
 * @param tab index of the selected bottom tab
 * @param dark whether the dark theme is on
 * @param notifications whether desktop notifications of mode changes are on
 */
public record WindowPrefs(double x, double y, double width, double height, boolean maximized, int tab, boolean dark,
                          boolean notifications) {
    private static final Logger LOG = Logger.getLogger(WindowPrefs.class.getName());
    /** The file's name inside the data folder. */
    public static final String FILE = "dashboard.properties";
    /** The smallest size the window may be restored to. */
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 700;

    /** Notifications on (the default). */
    public WindowPrefs(double x, double y, double width, double height, boolean maximized, int tab, boolean dark) {
        this(x, y, width, height, maximized, tab, dark, true);
    }

    /** First start: 1280x800, centred, light theme, first tab. */
    public static WindowPrefs defaults() {
        return new WindowPrefs(Double.NaN, Double.NaN, 1280, 800, false, 0, false);
    }

    /**
     * These prefs made to fit the screens present ({@code screens}: their visual bounds, without task
     * bars; the first is the primary): the screen that holds the saved position, else the primary;
     * no larger than it; centred on it when there is no saved position; otherwise moved just enough
     * to lie wholly on it. So a window saved on a screen that is gone, or larger than this one,
     * still opens with its badge and buttons in sight.
     */
    public WindowPrefs fitTo(java.util.List<javafx.geometry.Rectangle2D> screens) {
        if (screens.isEmpty()) {
            return this;
        }
        javafx.geometry.Rectangle2D s = screens.get(0);
        if (!Double.isNaN(x)) {
            for (javafx.geometry.Rectangle2D r : screens) {
                if (r.contains(x + Math.min(200, width) / 2, y + 10)) {
                    s = r;
                    break;
                }
            }
        }
        double w = Math.min(width, s.getWidth());
        double h = Math.min(height, s.getHeight());
        double nx = Double.isNaN(x) ? s.getMinX() + (s.getWidth() - w) / 2 : clamp(x, s.getMinX(), s.getMaxX() - w);
        double ny = Double.isNaN(y) ? s.getMinY() + (s.getHeight() - h) / 2 : clamp(y, s.getMinY(), s.getMaxY() - h);
        return new WindowPrefs(nx, ny, w, h, maximized, tab, dark, notifications);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(v, max));
    }

    /** Reads the prefs from {@code dataDir}, or defaults if the file is missing or damaged. */
    public static WindowPrefs load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warning("ignoring " + file + " (" + e.getMessage() + "): using default window settings");
            return defaults();
        }
        WindowPrefs d = defaults();
        return new WindowPrefs(number(p, "x", d.x), number(p, "y", d.y),
                Math.max(MIN_WIDTH, number(p, "width", d.width)), Math.max(MIN_HEIGHT, number(p, "height", d.height)),
                Boolean.parseBoolean(p.getProperty("maximized", "false")),
                (int) Math.max(0, number(p, "tab", 0)), "dark".equals(p.getProperty("theme")),
                !"off".equals(p.getProperty("notifications")));
    }

    private static double number(Properties p, String key, double fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) ? d : fallback;
        } catch (NumberFormatException e) {
            LOG.warning("ignoring " + FILE + " key '" + key + "': '" + v + "' is not a number");
            return fallback;
        }
    }

    /** Writes the prefs to {@code dataDir} atomically; a failure is logged, never thrown. */
    public void save(Path dataDir) {
        Properties p = new Properties();
        if (!Double.isNaN(x)) {
            p.setProperty("x", Double.toString(x));
            p.setProperty("y", Double.toString(y));
        }
        p.setProperty("width", Double.toString(width));
        p.setProperty("height", Double.toString(height));
        p.setProperty("maximized", Boolean.toString(maximized));
        p.setProperty("tab", Integer.toString(tab));
        p.setProperty("theme", dark ? "dark" : "light");
        p.setProperty("notifications", notifications ? "on" : "off");
        try {
            Files.createDirectories(dataDir);
            Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Tickguard dashboard window; delete to reset");
            }
            Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warning("cannot save window settings to " + dataDir.resolve(FILE) + ": " + e.getMessage());
        }
    }
}
