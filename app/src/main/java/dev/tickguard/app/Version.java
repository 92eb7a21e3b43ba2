package dev.tickguard.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Tickguard's version, written into {@code version.properties} by the build (Maven resource filtering). */
final class Version {
    private Version() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}; "unknown" if the build did not write it (run from an IDE's classes). */
    static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
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
