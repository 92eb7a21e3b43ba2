package dev.tickguard.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * All of Tickguard's settings, the same shape as {@code config.yaml}: one record per section, and
 * each component named as its key (a {@code Duration} component {@code x} is the key {@code x_sec}),
 * so a setting has one dotted name in the file, the code, the Settings tab and every message
 * ({@link ConfigKeys} flattens a config into those names). Immutable and thread-safe; the
 * {@code with} methods return changed copies (used for command-line overrides).
 * {@link #defaults()} holds the design note's numbers.
 *
 * @param tick {@code tick.*}: interval, limit, abandon grace
 * @param budgets {@code budgets.*}: wall time each priority may use per tick
 * @param breaker {@code breaker.*}: every circuit breaker
 * @param cache {@code cache.*}: cached results for fallbacks
 * @param adaptive {@code adaptive.*}: adaptive timeouts
 * @param health {@code health.*}: the health monitor's thresholds
 * @param ollama {@code ollama.*}: the LLM server
 * @param metrics {@code metrics.*}: the Prometheus endpoint
 * @param plugins {@code plugins.*}: trust, approvals, quarantine and hook limits for plugins
 * @param logging {@code logging.*}: the log level
 * @param dataDir {@code data_dir}: where the journal, cache, memory and sandboxes live
 * @param pluginsDir {@code plugins_dir}: the folder scanned for plugin JARs
 * @param steps {@code steps.<id>.*}: per-step overrides by step id
 * @param persistence {@code persistence.*}: retention of ticks in the database, resumption at start
 * @param source where these settings came from, for messages (not a setting)
 * @param remote {@code remote.*}: the broker for remote step workers (off by default)
 */
public record TickguardConfig(TickSettings tick, BudgetSettings budgets, BreakerSettings breaker, CacheSettings cache,
                              AdaptiveSettings adaptive, HealthSettings health, OllamaSettings ollama,
                              MetricsSettings metrics, PluginSettings plugins, LoggingSettings logging, Path dataDir,
                              Path pluginsDir, Map<String, StepOverride> steps, PersistenceSettings persistence,
                              String source, RemoteSettings remote) {

    public TickguardConfig {
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(adaptive, "adaptive");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(ollama, "ollama");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(persistence, "persistence");
        steps = Collections.unmodifiableMap(new TreeMap<>(steps));
        Objects.requireNonNull(remote, "remote");
    }

    public TickguardConfig with(RemoteSettings r) {
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, health, ollama, metrics, plugins, logging,
                dataDir, pluginsDir, steps, persistence, source, r);
    }

    /** The folder Tickguard uses when none is given: {@code ~/.tickguard}. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".tickguard");
    }

    /** The note's numbers: 60 s interval, 120 s tick limit, budgets 15/8/3 s, cache 300 s. */
    public static TickguardConfig defaults() {
        Path data = defaultDataDir();
        return new TickguardConfig(TickSettings.defaults(), BudgetSettings.defaults(), BreakerSettings.defaults(),
                CacheSettings.defaults(), AdaptiveSettings.defaults(), HealthSettings.defaults(),
                OllamaSettings.defaults(), MetricsSettings.defaults(), PluginSettings.defaults(),
                LoggingSettings.defaults(), data, data.resolve("plugins"), Map.of(), PersistenceSettings.defaults(), "defaults",
                RemoteSettings.defaults());
    }

    /** The override for a step, or {@link StepOverride#NONE}. */
    public StepOverride step(String id) {
        return steps.getOrDefault(id, StepOverride.NONE);
    }

    /** The same settings with the {@code tick} section changed, e.g. {@code c.withTick(t -> t.withInterval(d))}. */
    public TickguardConfig withTick(UnaryOperator<TickSettings> change) {
        return new TickguardConfig(change.apply(tick), budgets, breaker, cache, adaptive, health, ollama, metrics, plugins, logging,
                dataDir, pluginsDir, steps, persistence, source, remote);
    }

    public TickguardConfig with(BudgetSettings b) {
        return new TickguardConfig(tick, b, breaker, cache, adaptive, health, ollama, metrics, plugins, logging,
                dataDir, pluginsDir, steps, persistence, source, remote);
    }

    public TickguardConfig with(BreakerSettings b) {
        return new TickguardConfig(tick, budgets, b, cache, adaptive, health, ollama, metrics, plugins, logging,
                dataDir, pluginsDir, steps, persistence, source, remote);
    }

    public TickguardConfig with(CacheSettings c) {
        return new TickguardConfig(tick, budgets, breaker, c, adaptive, health, ollama, metrics, plugins, logging,
                dataDir, pluginsDir, steps, persistence, source, remote);
    }

    public TickguardConfig with(AdaptiveSettings a) {
        return new TickguardConfig(tick, budgets, breaker, cache, a, health, ollama, metrics, plugins, logging,
                dataDir, pluginsDir, steps, persistence, source, remote);
    }

    public TickguardConfig with(HealthSettings h) {
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, h, ollama, metrics, plugins, logging,
                dataDir, pluginsDir, steps, persistence, source, remote);
    }

    public TickguardConfig with(OllamaSettings o) {
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, health, o, metrics, plugins, logging,
                dataDir, pluginsDir, steps, persistence, source, remote);
    }

    public TickguardConfig with(MetricsSettings m) {
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, health, ollama, m, plugins, logging,
                dataDir, pluginsDir, steps, persistence, source, remote);
    }

    public TickguardConfig with(PluginSettings p) {
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, health, ollama, metrics, p, logging,
                dataDir, pluginsDir, steps, persistence, source, remote);
    }

    public TickguardConfig with(LoggingSettings l) {
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, health, ollama, metrics, plugins, l,
                dataDir, pluginsDir, steps, persistence, source, remote);
    }

    public TickguardConfig with(PersistenceSettings p) {
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, health, ollama, metrics, plugins, logging,
                dataDir, pluginsDir, steps, p, source, remote);
    }

    /** The same settings with other step overrides. */
    public TickguardConfig withSteps(Map<String, StepOverride> s) {
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, health, ollama, metrics, plugins, logging,
                dataDir, pluginsDir, s, persistence, source, remote);
    }

    /** Moves the data folder; a plugins folder that was inside the old one moves along. */
    public TickguardConfig withDataDir(Path d) {
        Path p = pluginsDir.equals(dataDir.resolve("plugins")) ? d.resolve("plugins") : pluginsDir;
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, health, ollama, metrics, plugins, logging,
                d, p, steps, persistence, source, remote);
    }

    public TickguardConfig withPluginsDir(Path p) {
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, health, ollama, metrics, plugins, logging,
                dataDir, p, steps, persistence, source, remote);
    }
}
