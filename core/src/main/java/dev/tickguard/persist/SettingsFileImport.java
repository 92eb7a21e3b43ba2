package dev.tickguard.persist;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The upgrade of the last two files of the file-based data folder: the plugin choices
 * ({@code state/plugins.json}) become the settings row {@code plugin_choices}, and the
 * self-modification step's {@code sandbox/self_modification/parameters.json} becomes that step's
 * state ({@link StepStates}, key {@code parameters}). Each is imported when it is there, whether or
 * not the journal was imported before (a data folder of the first database version still has both
 * files), then renamed {@code *.imported}; a row already in the database wins over the file (a kill
 * between the commit and the rename). A damaged file (not one JSON object, not UTF-8, not a regular
 * file) is set aside as {@code *.bad} with one warning line and nothing is imported from it. Counts are logged.
 */
final class SettingsFileImport {
    private static final Logger LOG = Logger.getLogger(SettingsFileImport.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The settings row of the plugin choices (read by the plugin registry). */
    static final String PLUGIN_CHOICES = "plugin_choices";
    /** The self-modification step's id, and the state key its parameters go under. */
    static final String SELF_MODIFICATION = "self_modification";
    static final String PARAMETERS = "parameters";

    private SettingsFileImport() {
    }

    /** Imports whichever of the two files is there; waits for the commit before renaming them. */
    static void run(Database db, DataFolder folder) {
        Map<Path, String> rows = new LinkedHashMap<>();
        JsonNode choices = read(folder.pluginChoices(), "plugin choices start empty");
        if (choices != null) {
            rows.put(folder.pluginChoices(), choices.toString());
        }
        JsonNode params = read(folder.parameters(), "the self-modification step starts from its defaults");
        if (params != null) {
            ObjectNode state = JSON.createObjectNode();
            state.putObject("values").set(PARAMETERS, params);
            rows.put(folder.parameters(), state.toString());
        }
        if (rows.isEmpty()) {
            return;
        }
        List<String> imported = new ArrayList<>();
        db.submit(new Database.Write() {
            @Override
            public void apply(java.sql.Connection c) throws SQLException {
                imported.clear();
                try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO settings(name, value) VALUES (?, ?)")) {
                    for (Map.Entry<Path, String> e : rows.entrySet()) {
                        boolean choicesFile = e.getKey().equals(folder.pluginChoices());
                        p.setString(1, choicesFile ? PLUGIN_CHOICES : StepStates.PREFIX + SELF_MODIFICATION);
                        p.setString(2, e.getValue());
                        if (p.executeUpdate() > 0) {
                            imported.add(choicesFile ? "plugin choices" : "self-modification parameters");
                        }
                    }
                }
            }
        });
        if (!db.flush(60_000)) {
            LOG.warning("the import of " + String.join(" and ", rows.keySet().stream().map(Path::toString).toList())
                    + " did not finish (" + db.writeProblem() + "); it is tried again at the next start");
            return;
        }
        for (Path p : rows.keySet()) {
            rename(p);
        }
        LOG.warning("[Tickguard] imported " + (imported.isEmpty() ? "nothing new (the database already had them)"
                : String.join(" and ", imported)) + " from " + rows.size() + " file(s) of the file-based data folder "
                + folder.root() + " into " + db.file().getFileName() + "; the old files are renamed *.imported");
    }

    /** The file's one JSON object; null if there is no file, or if it is damaged (then it is set aside, said once). */
    private static JsonNode read(Path file, String then) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String problem = SetAside.notARegularFile(file);
        if (problem == null) {
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
                // Strict: bytes after the object (a torn write, a pasted line) are damage, not dropped silently.
                JsonNode n = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
                if (n != null && n.isObject()) {
                    return n;
                }
                problem = "not a JSON object";
            } catch (CharacterCodingException e) {
                problem = "not UTF-8 text";
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                problem = "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("");
            } catch (IOException e) {
                problem = "cannot be read: " + DataFolderException.reason(e);
            }
        }
        SetAside.setAside(file, problem, "not imported; " + then);
        return null;
    }

    private static void rename(Path p) {
        Path to = p.resolveSibling(p.getFileName() + ".imported");
        try {
            Files.move(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warning("imported " + p + " but cannot rename it to " + to.getFileName() + ": " + DataFolderException.reason(e));
        }
    }
}
