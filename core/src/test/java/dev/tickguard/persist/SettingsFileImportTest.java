package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-modification step's {@code parameters.json} of the file-based version becomes its state
 * in the database at the first start, once; a damaged one is set aside with one line (regression,
 * issue 17.8: bytes after its object were dropped silently). Also over a data folder of the first
 * database version, which still has both files beside its database.
 */
class SettingsFileImportTest {
    @TempDir
    Path dir;

    private Path parameters() throws Exception {
        return Files.createDirectories(dir.resolve("sandbox/self_modification")).resolve("parameters.json");
    }

    @Test
    void goodParametersBecomeTheStepsStateAndTheFileIsRenamed() throws Exception {
        Files.writeString(parameters(), "{\"curiosity_level\": 0.7, \"verbosity\": 0.3}");
        try (LogCapture log = new LogCapture(); Database db = Database.open(dir)) {
            var state = new StepStates(db).forRun("self_modification", 1, "1/self_modification", () -> false);
            assertThat(state.get("parameters").orElseThrow().get("curiosity_level")).isEqualTo(DoubleNode.valueOf(0.7));
            assertThat(log.all()).contains("imported self-modification parameters from 1 file(s)");
        }
        assertThat(parameters()).doesNotExist();
        assertThat(dir.resolve("sandbox/self_modification/parameters.json.imported")).exists();
    }

    @Test
    void parametersWithTrailingBytesAreSetAsideAndNothingIsImported() throws Exception {
        Files.writeString(parameters(), "{\"curiosity_level\": 0.9} trailing");
        try (LogCapture log = new LogCapture(); Database db = Database.open(dir)) {
            assertThat(new StepStates(db).forRun("self_modification", 1, "1/self_modification", () -> false).keys()).isEmpty();
            assertThat(log.all()).contains("parameters.json is damaged (not JSON")
                    .contains("the self-modification step starts from its defaults");
        }
        assertThat(dir.resolve("sandbox/self_modification/parameters.json.bad")).hasContent("{\"curiosity_level\": 0.9} trailing");
    }

    /** Users of the first database version: journal imported long ago, both files still beside the database. */
    @Test
    void aDatabaseThatImportedItsJournalBeforeStillImportsBothFilesOnce() throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/ticks.jsonl"), "");
        try (Database db = Database.open(dir)) {
            assertThat(DbAssert.column(dir, "SELECT name FROM settings")).contains(FileImport.IMPORTED_AT);
        }
        Files.writeString(dir.resolve("logs/ticks.jsonl"), ""); // the mirror the database writes since
        Files.writeString(parameters(), "{\"caution_level\": 0.2}");
        Files.writeString(Files.createDirectories(dir.resolve("state")).resolve("plugins.json"),
                "{\"disabled_steps\": [\"curiosity\"]}");
        try (Database db = Database.open(dir)) {
            assertThat(new StepStates(db).forRun("self_modification", 9, "9/self_modification", () -> false)
                    .get("parameters").orElseThrow().get("caution_level").asDouble()).isEqualTo(0.2);
        }
        assertThat(DbAssert.column(dir, "SELECT value FROM settings WHERE name = 'plugin_choices'"))
                .containsExactly("{\"disabled_steps\":[\"curiosity\"]}");
        assertThat(dir.resolve("state/plugins.json.imported")).exists();
        assertThat(dir.resolve("logs/ticks.jsonl")).as("a database's own mirror is not imported").exists();

        // A file that reappears (restored from a backup) does not overwrite what the database has.
        Files.writeString(parameters(), "{\"caution_level\": 0.8}");
        try (Database db = Database.open(dir)) {
            assertThat(new StepStates(db).forRun("self_modification", 10, "10/self_modification", () -> false)
                    .get("parameters").orElseThrow().get("caution_level").asDouble()).isEqualTo(0.2);
        }
    }
}
