package dev.tickguard.app;

/** Tickguard's version, written into {@code version.properties} by the build (Maven resource filtering). */
final class Version {
    private Version() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}; "unknown" if the build did not write it (run from an IDE's classes). */
    static String get() {
        return dev.tickguard.app.ui.AppVersion.get(); // one reader, shared with the window's About
    }
}
