package dev.tickguard.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code plugins:} section of config.yaml.
 *
 * @param trust whether any JAR in the plugins folder runs ({@link Trust#OPEN}) or only approved ones
 * @param approved SHA-256 digests (lower-case hex) of the plugin JARs allowed to run under {@link Trust#PINNED}
 * @param disabled ids of plugins the user switched off
 * @param quarantineAfter how many abandoned runs in a row put a plugin in quarantine
 * @param hookTimeout the longest a step's {@code start} or {@code close} may take
 */
public record PluginSettings(Trust trust, Set<String> approved, Set<String> disabled, int quarantineAfter,
                             Duration hookTimeout) {

    /** Who may run code from the plugins folder. */
    public enum Trust {
        /** Every plugin JAR runs: plugins are ordinary Java code with the user's rights. */
        OPEN,
        /** A JAR runs only once its SHA-256 is approved; a changed JAR needs approval again. */
        PINNED;

        /** Lower-case name, as written in config.yaml. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PluginSettings {
        approved = Set.copyOf(new TreeSet<>(approved));
        disabled = Set.copyOf(new TreeSet<>(disabled));
    }

    /** Open trust, nothing disabled, quarantine after 3 abandoned runs, hooks limited to 5 s. */
    public static PluginSettings defaults() {
        return new PluginSettings(Trust.OPEN, Set.of(), Set.of(), 3, Duration.ofSeconds(5));
    }

    public PluginSettings withTrust(Trust t) {
        return new PluginSettings(t, approved, disabled, quarantineAfter, hookTimeout);
    }

    public PluginSettings withApproved(Set<String> digests) {
        return new PluginSettings(trust, digests, disabled, quarantineAfter, hookTimeout);
    }

    public PluginSettings withQuarantineAfter(int n) {
        return new PluginSettings(trust, approved, disabled, n, hookTimeout);
    }

    public PluginSettings withHookTimeout(Duration d) {
        return new PluginSettings(trust, approved, disabled, quarantineAfter, d);
    }
}
