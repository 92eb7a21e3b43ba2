package dev.tickguard.config;

import dev.tickguard.spi.Priority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * All of Tickguard's settings. Immutable; the {@code with...} methods return changed copies
 * (used for command-line overrides). {@link #defaults()} holds the design note's numbers.
 *
 * @param interval time between tick starts (0 = back to back)
 * @param tickLimit the longest a whole tick may take
 * @param abandonGrace how long a step interrupted at its deadline may take to return before it
 *        counts as abandoned ({@code tick.abandon_grace_sec}, default 0.1)
 * @param budgets wall time each priority may use per tick
 * @param breaker circuit breaker settings (every breaker)
 * @param cacheMaxAge the oldest cached result a fallback may use
 * @param adaptive adaptive timeout settings
 * @param health health monitor settings
 * @param dataDir where the journal, cache, memory and sandboxes live
 * @param pluginsDir the folder scanned for plugin JARs
 * @param logLevel the log level
 * @param steps per-step overrides by step id
 * @param ollama the LLM server
 * @param plugins trust, approvals, quarantine and hook limits for plugins
 * @param source where these settings came from, for messages
 * @param metrics the Prometheus endpoint
 */
public record TickguardConfig(Duration interval, Duration tickLimit, Duration abandonGrace,
                              Map<Priority, Duration> budgets,
                              BreakerSettings breaker, Duration cacheMaxAge, AdaptiveSettings adaptive,
                              HealthSettings health, Path dataDir, Path pluginsDir, LogLevel logLevel,
                              Map<String, StepOverride> steps, OllamaSettings ollama, PluginSettings plugins,
                              String source, MetricsSettings metrics) {

    public TickguardConfig {
        budgets = Map.copyOf(new EnumMap<>(budgets));
        steps = java.util.Collections.unmodifiableMap(new TreeMap<>(steps));
    }

    /** The folder Tickguard uses when none is given: {@code ~/.tickguard}. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".tickguard");
    }

    /** The note's numbers: 60 s interval, 120 s tick limit, budgets 15/8/3 s, cache 300 s. */
    public static TickguardConfig defaults() {
        Map<Priority, Duration> budgets = new EnumMap<>(Priority.class);
        budgets.put(Priority.CRITICAL, Duration.ofSeconds(15));
        budgets.put(Priority.IMPORTANT, Duration.ofSeconds(8));
        budgets.put(Priority.OPTIONAL, Duration.ofSeconds(3));
        Path data = defaultDataDir();
        return new TickguardConfig(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofMillis(100), budgets,
                BreakerSettings.defaults(), Duration.ofSeconds(300), AdaptiveSettings.defaults(),
                HealthSettings.defaults(), data, data.resolve("plugins"), LogLevel.INFO, Map.of(),
                OllamaSettings.defaults(), PluginSettings.defaults(), "defaults", MetricsSettings.defaults());
    }

    /** The budget of a priority. */
    public Duration budget(Priority p) {
        return budgets.get(p);
    }

    /** The override for a step, or {@link StepOverride#NONE}. */
    public StepOverride step(String id) {
        return steps.getOrDefault(id, StepOverride.NONE);
    }

    public TickguardConfig withInterval(Duration d) {
        return toBuilder().interval(d).build();
    }

    /** Moves the data folder; a plugins folder that was inside the old one moves along. */
    public TickguardConfig withDataDir(Path d) {
        Builder b = toBuilder().dataDir(d);
        if (pluginsDir.equals(dataDir.resolve("plugins"))) {
            b.pluginsDir(d.resolve("plugins"));
        }
        return b.build();
    }

    public TickguardConfig withPluginsDir(Path d) {
        return toBuilder().pluginsDir(d).build();
    }

    public TickguardConfig withLogLevel(LogLevel l) {
        return toBuilder().logLevel(l).build();
    }

    public TickguardConfig withOllama(OllamaSettings o) {
        return toBuilder().ollama(o).build();
    }

    public TickguardConfig withPlugins(PluginSettings p) {
        return toBuilder().plugins(p).build();
    }

    public TickguardConfig withBreaker(BreakerSettings b) {
        return toBuilder().breaker(b).build();
    }

    public TickguardConfig withHealth(HealthSettings h) {
        return toBuilder().health(h).build();
    }

    public TickguardConfig withMetrics(MetricsSettings m) {
        return toBuilder().metrics(m).build();
    }

    public TickguardConfig withAbandonGrace(Duration d) {
        return toBuilder().abandonGrace(d).build();
    }

    public TickguardConfig withTickLimit(Duration d) {
        return toBuilder().tickLimit(d).build();
    }

    /** A builder holding these settings; building it does not change this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a config and builds a new one. Not thread-safe. */
    public static final class Builder {
        private Duration interval;
        private Duration tickLimit;
        private Duration abandonGrace;
        private Map<Priority, Duration> budgets;
        private BreakerSettings breaker;
        private Duration cacheMaxAge;
        private AdaptiveSettings adaptive;
        private HealthSettings health;
        private Path dataDir;
        private Path pluginsDir;
        private LogLevel logLevel;
        private Map<String, StepOverride> steps;
        private OllamaSettings ollama;
        private PluginSettings plugins;
        private String source;
        private MetricsSettings metrics;

        private Builder(TickguardConfig c) {
            interval = c.interval;
            tickLimit = c.tickLimit;
            abandonGrace = c.abandonGrace;
            budgets = c.budgets;
            breaker = c.breaker;
            cacheMaxAge = c.cacheMaxAge;
            adaptive = c.adaptive;
            health = c.health;
            dataDir = c.dataDir;
            pluginsDir = c.pluginsDir;
            logLevel = c.logLevel;
            steps = c.steps;
            ollama = c.ollama;
            plugins = c.plugins;
            source = c.source;
            metrics = c.metrics;
        }

        public Builder interval(Duration d) {
            interval = d;
            return this;
        }

        public Builder tickLimit(Duration d) {
            tickLimit = d;
            return this;
        }

        public Builder abandonGrace(Duration d) {
            abandonGrace = d;
            return this;
        }

        public Builder budgets(Map<Priority, Duration> b) {
            budgets = b;
            return this;
        }

        public Builder breaker(BreakerSettings b) {
            breaker = b;
            return this;
        }

        public Builder cacheMaxAge(Duration d) {
            cacheMaxAge = d;
            return this;
        }

        public Builder adaptive(AdaptiveSettings a) {
            adaptive = a;
            return this;
        }

        public Builder health(HealthSettings h) {
            health = h;
            return this;
        }

        public Builder dataDir(Path d) {
            dataDir = d;
            return this;
        }

        public Builder pluginsDir(Path d) {
            pluginsDir = d;
            return this;
        }

        public Builder logLevel(LogLevel l) {
            logLevel = l;
            return this;
        }

        public Builder steps(Map<String, StepOverride> s) {
            steps = s;
            return this;
        }

        public Builder ollama(OllamaSettings o) {
            ollama = o;
            return this;
        }

        public Builder metrics(MetricsSettings m) {
            metrics = m;
            return this;
        }

        public Builder plugins(PluginSettings p) {
            plugins = p;
            return this;
        }

        public TickguardConfig build() {
            return new TickguardConfig(interval, tickLimit, abandonGrace, budgets, breaker, cacheMaxAge, adaptive, health,
                    dataDir, pluginsDir, logLevel, steps, ollama, plugins, source, metrics);
        }
    }
}
