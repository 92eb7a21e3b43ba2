package dev.tickguard.spi;

/**
 * The version of this SPI, semantic: a new major version may break plugins built for an older one,
 * a new minor version only adds. A plugin names the version it was built against in its manifest
 * ({@code Tickguard-SPI-Version: 1.3}); Tickguard refuses a plugin built for another major version.
 */
public final class SpiVersion {
    /** Changes only when a plugin built for the previous major version could break. */
    public static final int MAJOR = 1;
    /** Grows when something is added (a default method, a new type). */
    public static final int MINOR = 3;
    /** {@code MAJOR.MINOR}, the form a plugin's manifest uses. */
    public static final String VERSION = MAJOR + "." + MINOR;

    private SpiVersion() {
    }
}
