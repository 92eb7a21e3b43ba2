package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickguard.config.PluginSettings;
import dev.tickguard.events.PluginState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust gate alone: which reason wins, and what pinned trust lets through. */
class PluginGateTest {
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);

    @TempDir
    Path dir;

    PluginChoices choices() {
        return PluginChoices.load(null);
    }

    static PluginSettings settings(PluginSettings.Trust trust, Set<String> approved, Set<String> disabled) {
        return new PluginSettings(trust, approved, disabled, 3, Duration.ofSeconds(5));
    }

    static Map<String, String> jars(String... nameAndDigest) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndDigest.length; i += 2) {
            out.put(nameAndDigest[i], nameAndDigest[i + 1]);
        }
        return out;
    }

    @Test
    void openTrustLetsAnyPluginThatNobodySwitchedOffRun() {
        PluginGate gate = new PluginGate(PluginSettings.defaults(), "config.yaml", choices());
        assertThat(gate.check("greeter", jars("greeter.jar", A))).isNull();
    }

    @Test
    void configWinsOverTheUserAndTheUserOverTheQuarantine() {
        PluginChoices c = choices();
        c.disablePlugin("p");
        c.quarantine("p", "hung");
        c.quarantine("q", "hung");
        PluginGate gate = new PluginGate(settings(PluginSettings.Trust.OPEN, Set.of(), Set.of("p")), "config.yaml", c);

        assertThat(gate.check("p", Map.of())).isEqualTo(new PluginGate.Closed(PluginState.DISABLED,
                "disabled in config.yaml (plugins.disabled)"));
        c.disablePlugin("q");
        assertThat(gate.check("q", Map.of())).isEqualTo(new PluginGate.Closed(PluginState.DISABLED,
                "switched off by you: the Plugins tab's switch, or `plugin enable q` in the console, turns it on"));
        c.enablePlugin("q");
        c.quarantine("q", "hung");
        assertThat(gate.check("q", Map.of())).isEqualTo(new PluginGate.Closed(PluginState.QUARANTINED, "hung"));
    }

    @Test
    void pinnedTrustNamesEveryUnapprovedJar() {
        PluginGate gate = new PluginGate(settings(PluginSettings.Trust.PINNED, Set.of(), Set.of()), "config.yaml",
                choices());
        PluginGate.Closed closed = gate.check("weather", jars("weather/weather.jar", A, "weather/lib/json.jar", B));
        assertThat(closed.state()).isEqualTo(PluginState.DISABLED);
        assertThat(closed.reason()).isEqualTo("not approved: plugins.trust is pinned and weather/weather.jar (SHA-256 "
                + A + "), weather/lib/json.jar (SHA-256 " + B + ") are not approved; approve in plugins.approved or "
                + "through the control API");
    }

    @Test
    void pinnedTrustNeedsEveryJarApprovedInConfigOrByTheUser() {
        PluginChoices c = choices();
        PluginGate gate = new PluginGate(settings(PluginSettings.Trust.PINNED, Set.of(A), Set.of()), "config.yaml", c);
        Map<String, String> both = jars("weather/weather.jar", A, "weather/lib/json.jar", B);

        assertThat(gate.check("weather", both).reason()).endsWith("weather/lib/json.jar (SHA-256 " + B + ") is not "
                + "approved; approve in plugins.approved or through the control API").doesNotContain(A);
        c.approve(B);
        assertThat(gate.check("weather", both)).isNull();
    }

    @Test
    void aQuarantinedPluginStaysQuarantinedEvenWhenItsJarIsApproved() {
        PluginChoices c = choices();
        c.quarantine("p", "hung");
        c.approve(A);
        PluginGate gate = new PluginGate(settings(PluginSettings.Trust.PINNED, Set.of(), Set.of()), "config.yaml", c);
        assertThat(gate.check("p", jars("p.jar", A)).state()).isEqualTo(PluginState.QUARANTINED);
    }

    @Test
    void onlyConfigBlocksEnabling() {
        PluginChoices c = choices();
        c.disablePlugin("mine");
        PluginGate gate = new PluginGate(settings(PluginSettings.Trust.OPEN, Set.of(), Set.of("theirs")),
                "/etc/tickguard/config.yaml", c);
        gate.requireEnableable("mine");
        assertThatThrownBy(() -> gate.requireEnableable("theirs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin 'theirs' is disabled in /etc/tickguard/config.yaml (plugins.disabled): remove it there");
    }

    @Test
    void aDigestIsAcceptedInAnyCaseAndStoredInLowerCase() {
        assertThat(PluginGate.digest("  " + A.toUpperCase() + " ")).isEqualTo(A);
        assertThatThrownBy(() -> PluginGate.digest("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'abc' is not a SHA-256 digest (64 hex digits)");
        assertThatThrownBy(() -> PluginGate.digest("g".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digestsNameEachJarAsTheUserSeesIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("plugins/weather/lib"));
        Path own = folder.getParent().resolve("weather.jar");
        Files.writeString(own, "own");
        Files.writeString(folder.resolve("json.jar"), "lib");
        Path single = Files.writeString(dir.resolve("plugins/greeter.jar"), "single");
        PluginSource weather = PluginSource.list(dir.resolve("plugins")).stream()
                .filter(s -> s.name().equals("weather")).findFirst().orElseThrow();

        assertThat(PluginGate.digests(weather)).containsExactly(
                Map.entry("weather/lib/json.jar", PluginLoader.sha256(folder.resolve("json.jar"))),
                Map.entry("weather/weather.jar", PluginLoader.sha256(own)));
        assertThat(PluginGate.digests(new PluginSource("greeter.jar", single, single, java.util.List.of(), null)))
                .containsExactly(Map.entry("greeter.jar", PluginLoader.sha256(single)));
    }
}
