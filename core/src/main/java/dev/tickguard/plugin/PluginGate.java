package dev.tickguard.plugin;

import dev.tickguard.config.PluginSettings;
import dev.tickguard.events.PluginState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides whether any code of a plugin may run, before its class loader is even created: not when
 * config.yaml disables it ({@code plugins.disabled}), the user disabled it, the quarantine holds it,
 * or, under {@code plugins.trust: pinned}, one of its JARs has a SHA-256 approved neither in
 * {@code plugins.approved} nor through the control API. The first of these that applies is the reason
 * shown, so a plugin disabled in config never reads as merely "not approved".
 *
 * <p>Not thread-safe (it reads {@link PluginChoices}): called on the plugin manager thread
 * ({@code tickguard-plugins}).
 */
final class PluginGate {
    /** Why a plugin stays shut: DISABLED or QUARANTINED, and the sentence the user sees. */
    record Closed(PluginState state, String reason) {
    }

    private final PluginSettings settings;
    private final String configSource;
    private final PluginChoices choices;

    /**
     * @param settings config.yaml's {@code plugins:} section
     * @param configSource how config.yaml is named in reasons (its path, or "defaults")
     * @param choices the user's remembered choices, read at every check
     */
    PluginGate(PluginSettings settings, String configSource, PluginChoices choices) {
        this.settings = settings;
        this.configSource = configSource;
        this.choices = choices;
    }

    /**
     * @param sha256 the digest of each of the plugin's JARs, by the name the user sees
     * @return why the plugin may not run, or {@code null} if it may
     */
    Closed check(String pluginId, Map<String, String> sha256) {
        if (settings.disabled().contains(pluginId)) {
            return new Closed(PluginState.DISABLED, "disabled in " + configSource + " (plugins.disabled)");
        }
        if (choices.pluginDisabled(pluginId)) {
            return new Closed(PluginState.DISABLED, "switched off by you: the Plugins tab's switch, or `plugin enable " + pluginId + "` in the console, turns it on");
        }
        String quarantined = choices.quarantineReason(pluginId);
        if (quarantined != null) {
            return new Closed(PluginState.QUARANTINED, quarantined);
        }
        if (settings.trust() == PluginSettings.Trust.PINNED) {
            List<String> unapproved = new ArrayList<>();
            sha256.forEach((file, digest) -> {
                if (!settings.approved().contains(digest) && !choices.approved(digest)) {
                    unapproved.add(file + " (SHA-256 " + digest + ")");
                }
            });
            if (!unapproved.isEmpty()) {
                return new Closed(PluginState.DISABLED, "not approved: plugins.trust is pinned and "
                        + String.join(", ", unapproved) + (unapproved.size() == 1 ? " is" : " are")
                        + " not approved; approve in plugins.approved or through the control API");
            }
        }
        return null;
    }

    /**
     * The control API cannot override config.yaml: the file would switch the plugin off again at
     * the next start, and the user would not know why.
     *
     * @throws IllegalArgumentException if config.yaml disables the plugin
     */
    void requireEnableable(String pluginId) {
        if (settings.disabled().contains(pluginId)) {
            throw new IllegalArgumentException("plugin '" + pluginId + "' is disabled in " + configSource
                    + " (plugins.disabled): remove it there");
        }
    }

    /**
     * A digest as the user may paste it (any case, spaces around) in the form it is stored.
     *
     * @throws IllegalArgumentException if it is not 64 hex digits
     */
    static String digest(String sha256) {
        String digest = sha256.trim().toLowerCase(Locale.ROOT);
        if (!digest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 digest (64 hex digits)");
        }
        return digest;
    }

    /**
     * The SHA-256 of each of the plugin's JARs, by the name the user sees ({@code x.jar} or
     * {@code x/lib/y.jar}); an unreadable JAR gets a text that never matches an approved digest.
     */
    static Map<String, String> digests(PluginSource s) {
        Map<String, String> out = new TreeMap<>();
        for (Path jar : s.jars()) {
            String shown = s.location().equals(jar) ? s.name()
                    : s.name() + "/" + s.location().relativize(jar).toString().replace('\\', '/');
            try {
                out.put(shown, PluginLoader.sha256(jar));
            } catch (IOException e) {
                out.put(shown, "unreadable: " + e.getMessage());
            }
        }
        return out;
    }
}
