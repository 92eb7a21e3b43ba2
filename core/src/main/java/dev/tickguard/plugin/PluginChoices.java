package dev.tickguard.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.tickguard.persist.DataFolderException;
import dev.tickguard.persist.Database;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * What the user (or the quarantine) decided about plugins at run time, remembered across restarts
 * in the database's {@code settings} table (row {@code plugin_choices}, one JSON object): disabled
 * plugins and steps, quarantined plugins with their reason, approved SHA-256 digests (pf4j's
 * {@code PluginStatusProvider}, with more to remember). Every change that changes something is
 * written at once and waited for (a few milliseconds, off the tick's path), so a crash right after
 * a command never forgets the choice. Without a database (a remote worker) the choices live in memory only.
 * The file of the file-based version ({@code state/plugins.json}) is imported once by the database.
 *
 * <p>Not thread-safe: used only on the plugin manager thread ({@code tickguard-plugins}).
 */
final class PluginChoices {
    private static final Logger LOG = Logger.getLogger(PluginChoices.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The settings row that holds them. */
    static final String ROW = "plugin_choices";
    /** How long a change waits for its commit before the command returns anyway (the write stays queued). */
    private static final long SAVE_WAIT_MILLIS = 5_000;

    private final Database db;
    private final Set<String> disabledPlugins = new TreeSet<>();
    private final Set<String> disabledSteps = new TreeSet<>();
    private final Map<String, String> quarantined = new TreeMap<>();
    private final Set<String> approved = new TreeSet<>();

    private PluginChoices(Database db) {
        this.db = db;
    }

    /**
     * Reads the remembered choices; no row means none. A damaged row (not JSON, not an object, a wrong
     * shape: a hand edit) is kept as row {@code plugin_choices.bad} with a warning naming the problem,
     * and the choices start empty.
     *
     * @param db the database, or null to keep the choices in memory only
     */
    static PluginChoices load(Database db) {
        PluginChoices c = new PluginChoices(db);
        if (db == null) {
            return c;
        }
        String text;
        try {
            text = db.read(conn -> {
                try (PreparedStatement p = conn.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
                    p.setString(1, ROW);
                    try (ResultSet r = p.executeQuery()) {
                        return r.next() ? r.getString(1) : null;
                    }
                }
            });
        } catch (SQLException e) {
            throw new DataFolderException("cannot read the plugin choices from " + db.file() + ": " + e.getMessage(), e);
        }
        if (text == null) {
            return c; // nothing decided yet
        }
        String problem;
        try {
            JsonNode root = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            problem = root == null || !root.isObject() ? "not a JSON object" : shapeProblem(root);
            if (problem == null) {
                root.path("disabled_plugins").forEach(n -> c.disabledPlugins.add(n.asText()));
                root.path("disabled_steps").forEach(n -> c.disabledSteps.add(n.asText()));
                root.path("approved").forEach(n -> c.approved.add(n.asText()));
                root.path("quarantined").fields()
                        .forEachRemaining(e -> c.quarantined.put(e.getKey(), e.getValue().asText()));
                return c;
            }
        } catch (IOException e) {
            problem = "not JSON";
        }
        put(db, ROW + ".bad", text);
        LOG.warning("the plugin choices in " + db.file() + " are damaged (" + problem + "); kept as settings row '"
                + ROW + ".bad'; plugin choices start empty");
        return c;
    }

    /**
     * What is wrong with the choices' shape, or null: a list of texts where a list is expected, texts as
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
        if (db == null) {
            return;
        }
        put(db, ROW, root.toString());
        if (!db.flush(SAVE_WAIT_MILLIS)) {
            LOG.warning("cannot remember plugin choices in " + db.file() + " yet (" + db.writeProblem()
                    + "); they are written when the database takes writes again");
        }
    }

    private static void put(Database db, String name, String value) {
        db.submit(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO settings(name, value) VALUES (?, ?)")) {
                p.setString(1, name);
                p.setString(2, value);
                p.executeUpdate();
            }
        });
    }
}
