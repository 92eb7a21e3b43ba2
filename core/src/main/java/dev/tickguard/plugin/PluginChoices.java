package dev.tickguard.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.persist.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * What the user (or the quarantine) decided about plugins at run time, remembered across restarts
 * in {@code <data>/state/plugins.json}: disabled plugins and steps, quarantined plugins with their
 * reason, approved SHA-256 digests. Used only on the plugin manager's thread.
 */
final class PluginChoices {
    private static final Logger LOG = Logger.getLogger(PluginChoices.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    final Set<String> disabledPlugins = new TreeSet<>();
    final Set<String> disabledSteps = new TreeSet<>();
    final Map<String, String> quarantined = new TreeMap<>();
    final Set<String> approved = new TreeSet<>();

    private PluginChoices(Path file) {
        this.file = file;
    }

    /** Reads the remembered choices; a missing file means none, a damaged one is reported and ignored. */
    static PluginChoices load(Path file) {
        PluginChoices c = new PluginChoices(file);
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            root.path("disabled_plugins").forEach(n -> c.disabledPlugins.add(n.asText()));
            root.path("disabled_steps").forEach(n -> c.disabledSteps.add(n.asText()));
            root.path("approved").forEach(n -> c.approved.add(n.asText()));
            root.path("quarantined").fields().forEachRemaining(e -> c.quarantined.put(e.getKey(), e.getValue().asText()));
        } catch (NoSuchFileException e) {
            // Nothing decided yet.
        } catch (IOException | RuntimeException e) {
            LOG.warning(file + " is damaged (" + e.getMessage() + "); plugin choices start empty and the file is "
                    + "rewritten at the next change");
        }
        return c;
    }

    void save() {
        ObjectNode root = JSON.createObjectNode();
        disabledPlugins.forEach(root.putArray("disabled_plugins")::add);
        disabledSteps.forEach(root.putArray("disabled_steps")::add);
        approved.forEach(root.putArray("approved")::add);
        ObjectNode q = root.putObject("quarantined");
        quarantined.forEach(q::put);
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            LOG.warning("cannot remember plugin choices in " + file + ": " + e.getMessage());
        }
    }
}
