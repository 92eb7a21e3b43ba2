package dev.tickguard.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.persist.AtomicFiles;
import dev.tickguard.persist.DataFolderException;
import dev.tickguard.persist.SetAside;
import dev.tickguard.persist.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * What the user (or the quarantine) decided about plugins at run time, remembered across restarts
 * in {@code <data>/state/plugins.json}: disabled plugins and steps, quarantined plugins with their
 * reason, approved SHA-256 digests (pf4j's {@code PluginStatusProvider}, with more to remember).
 * Every change that changes something rewrites the file at once, so a crash never forgets a choice.
 *
 * <p>Not thread-safe: used only on the plugin manager thread ({@code tickguard-plugins}).
 */
final class PluginChoices {
    private static final Logger LOG = Logger.getLogger(PluginChoices.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Set<String> disabledPlugins = new TreeSet<>();
    private final Set<String> disabledSteps = new TreeSet<>();
    private final Map<String, String> quarantined = new TreeMap<>();
    private final Set<String> approved = new TreeSet<>();

    private PluginChoices(Path file) {
        this.file = file;
    }

    /**
     * Reads the remembered choices; a missing file means none. A damaged one (not JSON, not an object,
     * bytes after it, not a regular file) is set aside as {@code plugins.json.bad} with a warning
     * naming the problem, and the choices start empty.
     */
    static PluginChoices load(Path file) {
        PluginChoices c = new PluginChoices(file);
        String problem = SetAside.notARegularFile(file);
        if (problem == null && !Files.exists(file)) {
            return c; // nothing decided yet
        }
        if (problem == null) {
            try {
                JsonNode root = StateJson.read(Files.readAllBytes(file));
                problem = root == null || !root.isObject() ? "not a JSON object" : shapeProblem(root);
                if (problem == null) {
                    root.path("disabled_plugins").forEach(n -> c.disabledPlugins.add(n.asText()));
                    root.path("disabled_steps").forEach(n -> c.disabledSteps.add(n.asText()));
                    root.path("approved").forEach(n -> c.approved.add(n.asText()));
                    root.path("quarantined").fields()
                            .forEachRemaining(e -> c.quarantined.put(e.getKey(), e.getValue().asText()));
                    return c;
                }
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                problem = "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("");
            } catch (IOException e) {
                problem = "cannot be read: " + DataFolderException.reason(e);
            }
        }
        SetAside.setAside(file, problem, "plugin choices start empty");
        return new PluginChoices(file);
    }

    /**
     * What is wrong with the file's shape, or null: a list of texts where a list is expected, texts as
     * the quarantine's reasons. A wrong shape is damage like any other, never read half-way.
     */
    private static String shapeProblem(JsonNode root) {
        for (String list : new String[]{"disabled_plugins", "disabled_steps", "approved"}) {
            JsonNode n = root.path(list);
            if (!n.isMissingNode() && !(n.isArray() && allText(n))) {
                return list + " is not a list of texts";
            }
        }
        JsonNode q = root.path("quarantined");
        if (!q.isMissingNode() && !(q.isObject() && allText(q))) {
            return "quarantined is not a mapping of plugin ids to reasons";
        }
        return null;
    }

    private static boolean allText(JsonNode container) {
        for (JsonNode n : container) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    boolean pluginDisabled(String pluginId) {
        return disabledPlugins.contains(pluginId);
    }

    /** Why the plugin is quarantined, or {@code null} if it is not. */
    String quarantineReason(String pluginId) {
        return quarantined.get(pluginId);
    }

    boolean approved(String sha256) {
        return approved.contains(sha256);
    }

    boolean stepDisabled(String stepId) {
        return disabledSteps.contains(stepId);
    }

    /** A copy: the steps the user switched off. */
    Set<String> disabledSteps() {
        return Set.copyOf(disabledSteps);
    }

    /** Clears both a disable and a quarantine: re-enabling is how the user lets a quarantined plugin out. */
    boolean enablePlugin(String pluginId) {
        boolean changed = disabledPlugins.remove(pluginId) | quarantined.remove(pluginId) != null;
        return saveIf(changed);
    }

    boolean disablePlugin(String pluginId) {
        return saveIf(disabledPlugins.add(pluginId));
    }

    boolean enableStep(String stepId) {
        return saveIf(disabledSteps.remove(stepId));
    }

    boolean disableStep(String stepId) {
        return saveIf(disabledSteps.add(stepId));
    }

    /** @param sha256 64 lower-case hex digits */
    boolean approve(String sha256) {
        return saveIf(approved.add(sha256));
    }

    boolean quarantine(String pluginId, String reason) {
        return saveIf(!reason.equals(quarantined.put(pluginId, reason)));
    }

    /** @return whether something changed (each method above returns it) */
    private boolean saveIf(boolean changed) {
        if (changed) {
            save();
        }
        return changed;
    }

    private void save() {
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
