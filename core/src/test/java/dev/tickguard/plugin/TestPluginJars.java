package dev.tickguard.plugin;

import java.io.IOException;
import java.nio.file.Path;

/** Real plugin JARs for tests outside this package (built with {@link PluginJar}: javac, manifest, services). */
public final class TestPluginJars {
    private TestPluginJars() {
    }

    /**
     * A plugin {@code pluginId} at {@code version}, built for {@code spiVersion}, with one step
     * {@code stepId} whose run returns {@code "<pluginId> <version> at tick N"}.
     */
    public static Path write(Path target, String pluginId, String version, String spiVersion, String stepId)
            throws IOException {
        String cls = "test." + pluginId.replaceAll("[^A-Za-z0-9]", "") + ".V" + version.replaceAll("[^0-9]", "")
                + "Step";
        return PluginJar.create().manifest(PluginDescriptor.ID, pluginId).manifest(PluginDescriptor.VERSION, version)
                .manifest(PluginDescriptor.SPI_VERSION, spiVersion)
                .step(cls, stepId, "", "TextNode.valueOf(\"" + pluginId + " " + version + " at tick \" + ctx.tick())")
                .services(cls).writeTo(target);
    }
}
