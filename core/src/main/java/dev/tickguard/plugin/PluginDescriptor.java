package dev.tickguard.plugin;

import dev.tickguard.spi.SpiVersion;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Who a plugin says it is, from its JAR manifest:
 * <pre>
 * Tickguard-Plugin-Id: disk-watch
 * Tickguard-Plugin-Version: 1.2.0
 * Tickguard-Plugin-Description: Warns when the disk fills up
 * Tickguard-SPI-Version: 1.1
 * </pre>
 *
 * @param id the plugin id (from the manifest, else the file or folder name without {@code .jar})
 * @param version its version ({@link SemanticVersion#NONE} when it has none)
 * @param description one line for the user, possibly empty
 * @param spiVersion the SPI version it was built for, or {@code null} if it does not say
 * @param declared true if the manifest had a {@code Tickguard-Plugin-Id}
 */
record PluginDescriptor(String id, SemanticVersion version, String description, SemanticVersion spiVersion,
                        boolean declared) {
    static final String ID = "Tickguard-Plugin-Id";
    static final String VERSION = "Tickguard-Plugin-Version";
    static final String DESCRIPTION = "Tickguard-Plugin-Description";
    static final String SPI_VERSION = "Tickguard-SPI-Version";
    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * Reads the descriptor; a manifest without one gives the plugin its file name.
     *
     * @param manifest the JAR's manifest, or {@code null}
     * @param fallbackId the id to use when the manifest names none
     * @throws PluginLoadException if a value is malformed or the SPI version does not fit this Tickguard
     */
    static PluginDescriptor read(Manifest manifest, String fallbackId) {
        Attributes a = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String id = a.getValue(ID);
        boolean declared = id != null && !id.isBlank();
        if (declared && !PLUGIN_ID.matcher(id.trim()).matches()) {
            throw new PluginLoadException(ID + " '" + id + "' must be letters, digits, '.', '-' or '_'");
        }
        SemanticVersion version = parse(a.getValue(VERSION), VERSION, SemanticVersion.NONE);
        SemanticVersion spi = parse(a.getValue(SPI_VERSION), SPI_VERSION, null);
        if (spi != null && spi.major() != SpiVersion.MAJOR) {
            throw new PluginLoadException("built for Tickguard SPI " + spi.major() + "." + spi.minor()
                    + ", but this Tickguard has SPI " + SpiVersion.VERSION + " (another major version): use a build of the plugin for SPI "
                    + SpiVersion.MAJOR + ".x");
        }
        if (spi != null && spi.minor() > SpiVersion.MINOR) {
            throw new PluginLoadException("needs Tickguard SPI " + spi.major() + "." + spi.minor()
                    + ", but this Tickguard has SPI " + SpiVersion.VERSION + ": update Tickguard");
        }
        String description = a.getValue(DESCRIPTION);
        return new PluginDescriptor(declared ? id.trim() : fallbackId, version,
                description == null ? "" : description.trim(), spi, declared);
    }

    private static SemanticVersion parse(String value, String key, SemanticVersion missing) {
        if (value == null || value.isBlank()) {
            return missing;
        }
        try {
            return SemanticVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new PluginLoadException(key + " in the manifest: " + e.getMessage());
        }
    }
}
