package dev.tickguard.app.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * What the app knows and the control API does not: how it was started. Immutable.
 *
 * @param ollamaUrl the Ollama URL the client talks to (the simulator's, with {@code --simulator})
 * @param chatModel the chat model
 * @param simulated true with {@code --simulator}
 * @param dataDir the data folder (the window's settings file lives there)
 * @param pluginsDir the plugins folder
 * @param chaosFromCommandLine true if {@code --chaos} preset chaos
 * @param breakerDelay how long an open breaker waits before a trial call (for the countdown)
 * @param settings the effective configuration, each value with where it came from
 */
public record AppInfo(String ollamaUrl, String chatModel, boolean simulated, Path dataDir, Path pluginsDir,
                      boolean chaosFromCommandLine, java.time.Duration breakerDelay,
                      List<Setting> settings) {
    public AppInfo {
        settings = List.copyOf(settings);
    }

    /**
     * One effective configuration value.
     *
     * @param key dotted key as in config.yaml, e.g. {@code breaker.delay_sec}
     * @param value its value
     * @param source {@code default}, {@code config.yaml} or {@code command line}
     */
    public record Setting(String key, String value, String source) {
    }
}
