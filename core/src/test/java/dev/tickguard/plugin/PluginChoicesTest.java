package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered choices alone: what changes, what is written, what a restart reads back. */
class PluginChoicesTest {
    static final String SHA = "a".repeat(64);

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("state").resolve("plugins.json");
    }

    @Test
    void everyKindOfChoiceSurvivesARestart() {
        PluginChoices c = PluginChoices.load(file());
        c.disablePlugin("greeter");
        c.disableStep("monologue");
        c.approve(SHA);
        c.quarantine("stubborn", "abandoned 3 runs in a row");

        PluginChoices again = PluginChoices.load(file());
        assertThat(again.pluginDisabled("greeter")).isTrue();
        assertThat(again.pluginDisabled("stubborn")).isFalse();
        assertThat(again.stepDisabled("monologue")).isTrue();
        assertThat(again.disabledSteps()).containsExactly("monologue");
        assertThat(again.approved(SHA)).isTrue();
        assertThat(again.approved("b".repeat(64))).isFalse();
        assertThat(again.quarantineReason("stubborn")).isEqualTo("abandoned 3 runs in a row");
        assertThat(again.quarantineReason("greeter")).isNull();
    }

    @Test
    void enablingAPluginClearsBothItsDisableAndItsQuarantine() {
        PluginChoices c = PluginChoices.load(file());
        c.disablePlugin("p");
        c.quarantine("p", "hung");
        assertThat(c.enablePlugin("p")).isTrue();
        assertThat(c.pluginDisabled("p")).isFalse();
        assertThat(c.quarantineReason("p")).isNull();
        assertThat(PluginChoices.load(file()).quarantineReason("p")).isNull();
        assertThat(c.enablePlugin("p")).as("nothing left to clear").isFalse();
    }

    @Test
    void aChoiceThatChangesNothingSaysSoAndWritesNothing() {
        PluginChoices c = PluginChoices.load(file());
        assertThat(c.enableStep("monologue")).isFalse();
        assertThat(c.enablePlugin("p")).isFalse();
        assertThat(file()).doesNotExist();

        assertThat(c.disableStep("monologue")).isTrue();
        assertThat(c.disableStep("monologue")).isFalse();
        assertThat(c.approve(SHA)).isTrue();
        assertThat(c.approve(SHA)).isFalse();
        assertThat(c.quarantine("p", "hung")).isTrue();
        assertThat(c.quarantine("p", "hung")).isFalse();
        assertThat(c.quarantine("p", "hung again")).as("a new reason is remembered").isTrue();
        assertThat(PluginChoices.load(file()).quarantineReason("p")).isEqualTo("hung again");
    }

    @Test
    void theStepSetHandedOutIsACopy() {
        PluginChoices c = PluginChoices.load(file());
        c.disableStep("a");
        var before = c.disabledSteps();
        c.disableStep("b");
        assertThat(before).containsExactly("a");
    }

    @Test
    void aDamagedFileStartsEmptyAndIsRewrittenAtTheNextChange() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{ not json");
        PluginChoices c = PluginChoices.load(file());
        assertThat(c.pluginDisabled("greeter")).isFalse();
        assertThat(c.disabledSteps()).isEmpty();

        c.disablePlugin("greeter");
        assertThat(PluginChoices.load(file()).pluginDisabled("greeter")).isTrue();
    }
}
