package dev.tickguard.app.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from {@code version.properties} (written by Maven resource filtering): {@code --version} and About. */
public final class AppVersion {
    private AppVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}; "unknown" if the build did not write it (run from an IDE's classes). */
    public static String get() {
        try (InputStream in = AppVersion.class.getResourceAsStream("/dev/tickguard/app/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
