package dev.tickguard.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.spi.PluginContext;
import dev.tickguard.spi.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Runs a step's {@code start} and {@code close} hooks, each under the hook time limit, on a hook
 * thread of its own ({@link TimeLimit}). Stateless and thread-safe; called on the plugin manager
 * thread ({@code tickguard-plugins}), which waits for each hook at most the limit.
 */
final class StepHooks {
    private static final Logger LOG = Logger.getLogger(StepHooks.class.getName());

    private StepHooks() {
    }

    /**
     * @throws PluginLoadException if {@code start} threw or did not return in time, with the reason
     */
    static void start(Step step, TickguardConfig config, ClassLoader loader, Duration limit) {
        String id;
        try {
            id = step.id();
        } catch (Throwable e) { // plugin code: whatever it throws fails the plugin, not the start
            throw new PluginLoadException("id() of step " + step.getClass().getName() + " failed: " + e);
        }
        Context context = new Context(id, config.step(id).settings(), config.dataDir().resolve("sandbox").resolve(id));
        try {
            TimeLimit.run("start() of step '" + id + "'", limit, loader, () -> {
                step.start(context);
                return null;
            });
        } catch (PluginLoadException e) {
            throw e;
        } catch (Throwable e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new PluginLoadException("start() of step '" + id + "' failed: "
                    + (e instanceof LinkageError ? e.getClass().getSimpleName() + ": " : "") + msg);
        }
    }

    /** Runs {@code close}; a failure or a timeout is logged, the plugin is unloaded all the same. */
    static void close(Step step, ClassLoader loader, Duration limit) {
        try {
            TimeLimit.run("close() of step '" + step.id() + "'", limit, loader, () -> {
                step.close();
                return null;
            });
        } catch (Exception | LinkageError e) {
            LOG.warning("[Plugins] close() of step '" + step.id() + "' failed: " + e.getMessage());
        }
    }

    /** What {@code start} sees. */
    private record Context(String stepId, JsonNode tree, Path folder) implements PluginContext {
        @Override
        public JsonNode settings() {
            return tree.deepCopy();
        }

        @Override
        public Path sandbox() {
            try {
                return Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + folder, e);
            }
        }

        @Override
        public System.Logger logger() {
            return System.getLogger("tickguard.step." + stepId);
        }
    }
}
