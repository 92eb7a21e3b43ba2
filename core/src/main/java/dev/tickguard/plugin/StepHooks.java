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
     * @param step a step as the loader made it ({@code DescribedStep}): its id is not plugin code any more
     * @throws PluginLoadException if {@code start} threw or did not return in time, with the reason
     */
    static void start(Step step, TickguardConfig config, ClassLoader loader, Duration limit) {
        String id = step.id();
        Context context = new Context(id, config.step(id).settings(), config.dataDir().resolve("sandbox").resolve(id));
        String what = "start() of step '" + id + "'";
        TimeLimit.run(what, limit, loader, () -> {
            step.start(context);
            return null;
        }, e -> what + " failed: " + startFailure(e));
    }

    /** The plugin's own message is its reason (the SPI asks for one that says what to change). */
    private static String startFailure(Throwable e) {
        if (e instanceof ExceptionInInitializerError) {
            return PluginErrors.explain(e, null);
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof LinkageError ? e.getClass().getSimpleName() + ": " + msg : msg;
    }

    /**
     * Runs {@code close}; whatever it throws ({@code Error}s too) or a timeout is logged with the true
     * reason, and the plugin is unloaded all the same. Never throws: each step's close is independent.
     */
    static void close(Step step, ClassLoader loader, Duration limit) {
        String what = "close() of step '" + step.id() + "'";
        try {
            TimeLimit.run(what, limit, loader, () -> {
                step.close();
                return null;
            }, e -> what + " threw " + PluginErrors.explain(e, null));
        } catch (PluginLoadException e) {
            LOG.warning("[Plugins] " + e.getMessage());
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
