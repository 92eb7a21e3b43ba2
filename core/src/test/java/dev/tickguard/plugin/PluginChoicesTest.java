package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.persist.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered choices alone: what changes, what is written to the database, what a restart reads back. */
class PluginChoicesTest {
    static final String SHA = "a".repeat(64);

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** A restart: the database closed and opened again. */
    PluginChoices restarted() {
        db.close();
        db = Database.open(dir);
        return PluginChoices.load(db);
    }

    static String row(Database db, String name) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    static void putRow(Database db, String name, String value) {
        db.submit(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO settings(name, value) VALUES (?, ?)")) {
                p.setString(1, name);
                p.setString(2, value);
                p.executeUpdate();
            }
        });
        assertThat(db.flush(10_000)).isTrue();
    }

    @Test
    void everyKindOfChoiceSurvivesARestart() {
        PluginChoices c = PluginChoices.load(db);
        c.disablePlugin("greeter");
        c.disableStep("monologue");
        c.approve(SHA);
        c.quarantine("stubborn", "abandoned 3 runs in a row");

        PluginChoices again = restarted();
        assertThat(again.pluginDisabled("greeter")).isTrue();
        assertThat(again.pluginDisabled("stubborn")).isFalse();
        assertThat(again.stepDisabled("monologue")).isTrue();
        assertThat(again.disabledSteps()).containsExactly("monologue");
        assertThat(again.approved(SHA)).isTrue();
        assertThat(again.approved("b".repeat(64))).isFalse();
        assertThat(again.quarantineReason("stubborn")).isEqualTo("abandoned 3 runs in a row");
        assertThat(again.quarantineReason("greeter")).isNull();
    }

    /** A choice is committed before the command returns: a kill right after it cannot forget it. */
    @Test
    void aChoiceIsOnDiskWhenTheCallReturns() throws Exception {
        PluginChoices.load(db).disableStep("curiosity");
        // Read on another connection at once, without closing (a kill -9 would not close either).
        try (Database other = Database.openForReading(dir)) {
            assertThat(row(other, PluginChoices.ROW)).contains("\"disabled_steps\":[\"curiosity\"]");
        }
    }

    @Test
    void enablingAPluginClearsBothItsDisableAndItsQuarantine() {
        PluginChoices c = PluginChoices.load(db);
        c.disablePlugin("p");
        c.quarantine("p", "hung");
        assertThat(c.enablePlugin("p")).isTrue();
        assertThat(c.pluginDisabled("p")).isFalse();
        assertThat(c.quarantineReason("p")).isNull();
        assertThat(restarted().quarantineReason("p")).isNull();
        assertThat(c.enablePlugin("p")).as("nothing left to clear").isFalse();
    }

    @Test
    void aChoiceThatChangesNothingSaysSoAndWritesNothing() throws Exception {
        PluginChoices c = PluginChoices.load(db);
        assertThat(c.enableStep("monologue")).isFalse();
        assertThat(c.enablePlugin("p")).isFalse();
        assertThat(row(db, PluginChoices.ROW)).isNull();

        assertThat(c.disableStep("monologue")).isTrue();
        assertThat(c.disableStep("monologue")).isFalse();
        assertThat(c.approve(SHA)).isTrue();
        assertThat(c.approve(SHA)).isFalse();
        assertThat(c.quarantine("p", "hung")).isTrue();
        assertThat(c.quarantine("p", "hung")).isFalse();
        assertThat(c.quarantine("p", "hung again")).as("a new reason is remembered").isTrue();
        assertThat(restarted().quarantineReason("p")).isEqualTo("hung again");
    }

    @Test
    void theStepSetHandedOutIsACopy() {
        PluginChoices c = PluginChoices.load(db);
        c.disableStep("a");
        var before = c.disabledSteps();
        c.disableStep("b");
        assertThat(before).containsExactly("a");
    }

    @Test
    void withoutADatabaseTheChoicesLiveInMemoryOnly() {
        PluginChoices c = PluginChoices.load(null);
        assertThat(c.disablePlugin("greeter")).isTrue();
        assertThat(c.pluginDisabled("greeter")).isTrue();
        assertThat(PluginChoices.load(null).pluginDisabled("greeter")).isFalse();
    }

    /** A hand-edited row that cannot be read is kept aside (never overwritten), the choices start empty, and the next change is written. */
    @Test
    void aDamagedRowIsKeptAsideAndTheChoicesStartEmpty() throws Exception {
        for (String bad : new String[] {"{ not json", "[1, 2]", "{\"disabled_plugins\": \"x\"}",
                "{\"quarantined\": {\"x\": 5}}", "{\"disabled_steps\":[\"x\"]} junk"}) {
            putRow(db, PluginChoices.ROW, bad);
            PluginChoices c = PluginChoices.load(db);
            assertThat(c.disabledSteps()).as(bad).isEmpty();
            assertThat(c.pluginDisabled("x")).as(bad).isFalse();
            assertThat(c.quarantineReason("x")).as(bad).isNull();
            assertThat(db.flush(10_000)).isTrue();
            assertThat(row(db, PluginChoices.ROW + ".bad")).isEqualTo(bad);

            c.disablePlugin("greeter");
            assertThat(restarted().pluginDisabled("greeter")).as(bad).isTrue();
            putRow(db, PluginChoices.ROW + ".bad", "-");
        }
    }
}
