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
 * @param source where these settings came from, for messages
 */
public record TickguardConfig(Duration interval, Duration tickLimit, Map<Priority, Duration> budgets,
                              BreakerSettings breaker, Duration cacheMaxAge, AdaptiveSettings adaptive,
                              HealthSettings health, Path dataDir, Path pluginsDir, LogLevel logLevel,
                              Map<String, StepOverride> steps, OllamaSettings ollama, String source) {

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
        return new TickguardConfig(Duration.ofSeconds(60), Duration.ofSeconds(120), budgets,
                BreakerSettings.defaults(), Duration.ofSeconds(300), AdaptiveSettings.defaults(),
                HealthSettings.defaults(), data, data.resolve("plugins"), LogLevel.INFO, Map.of(),
                OllamaSettings.defaults(), "defaults");
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
        return new TickguardConfig(d, tickLimit, budgets, breaker, cacheMaxAge, adaptive, health, dataDir,
                pluginsDir, logLevel, steps, ollama, source);
    }

    /** Moves the data folder; a plugins folder that was inside the old one moves along. */
    public TickguardConfig withDataDir(Path d) {
        Path plugins = pluginsDir.equals(dataDir.resolve("plugins")) ? d.resolve("plugins") : pluginsDir;
        return new TickguardConfig(interval, tickLimit, budgets, breaker, cacheMaxAge, adaptive, health, d,
                plugins, logLevel, steps, ollama, source);
    }

    public TickguardConfig withPluginsDir(Path d) {
        return new TickguardConfig(interval, tickLimit, budgets, breaker, cacheMaxAge, adaptive, health, dataDir,
                d, logLevel, steps, ollama, source);
    }

    public TickguardConfig withLogLevel(LogLevel l) {
        return new TickguardConfig(interval, tickLimit, budgets, breaker, cacheMaxAge, adaptive, health, dataDir,
                pluginsDir, l, steps, ollama, source);
    }

    public TickguardConfig withOllama(OllamaSettings o) {
        return new TickguardConfig(interval, tickLimit, budgets, breaker, cacheMaxAge, adaptive, health, dataDir,
                pluginsDir, logLevel, steps, o, source);
    }

    public TickguardConfig withBreaker(BreakerSettings b) {
        return new TickguardConfig(interval, tickLimit, budgets, b, cacheMaxAge, adaptive, health, dataDir,
                pluginsDir, logLevel, steps, ollama, source);
    }

    public TickguardConfig withAdaptive(AdaptiveSettings a) {
        return new TickguardConfig(interval, tickLimit, budgets, breaker, cacheMaxAge, a, health, dataDir,
                pluginsDir, logLevel, steps, ollama, source);
    }

    public TickguardConfig withHealth(HealthSettings h) {
        return new TickguardConfig(interval, tickLimit, budgets, breaker, cacheMaxAge, adaptive, h, dataDir,
                pluginsDir, logLevel, steps, ollama, source);
    }

    public TickguardConfig withBudgets(Map<Priority, Duration> b) {
        return new TickguardConfig(interval, tickLimit, b, breaker, cacheMaxAge, adaptive, health, dataDir,
                pluginsDir, logLevel, steps, ollama, source);
    }

    public TickguardConfig withTickLimit(Duration d) {
        return new TickguardConfig(interval, d, budgets, breaker, cacheMaxAge, adaptive, health, dataDir,
                pluginsDir, logLevel, steps, ollama, source);
    }

    public TickguardConfig withCacheMaxAge(Duration d) {
        return new TickguardConfig(interval, tickLimit, budgets, breaker, d, adaptive, health, dataDir,
                pluginsDir, logLevel, steps, ollama, source);
    }

    public TickguardConfig withSteps(Map<String, StepOverride> s) {
        return new TickguardConfig(interval, tickLimit, budgets, breaker, cacheMaxAge, adaptive, health, dataDir,
                pluginsDir, logLevel, s, ollama, source);
    }
}
