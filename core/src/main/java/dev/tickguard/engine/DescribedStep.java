package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.PluginContext;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.StepContext;
import java.time.Duration;
import java.util.Optional;

/**
 * A plugin's step with its descriptors ({@code id}, {@code priority}, {@code phase}, {@code order},
 * {@code timeout}) read exactly once, by {@link #read} on a thread under the hook time limit, and
 * answered from here ever after. Everything that lists, sorts, configures or shows steps (the engine's
 * catalog, the plugin manager, the control API) asks this, so a plugin whose descriptors block or
 * throw from their second call on can never hang or fail Tickguard outside a time limit. The step's
 * own code ({@code run}, {@code fallback}, {@code safeDefault}, {@code start}, {@code close}) is passed
 * through to the plugin, where the engine's deadlines and the hook limit guard it.
 *
 * <p>Immutable; thread-safe as far as the plugin's own step is.
 */
public final class DescribedStep implements Step {
    private final Step plugin;
    private final String id;
    private final Priority priority;
    private final Phase phase;
    private final int order;
    private final Duration timeout;

    private DescribedStep(Step plugin, String id, Priority priority, Phase phase, int order, Duration timeout) {
        this.plugin = plugin;
        this.id = id;
        this.priority = priority;
        this.phase = phase;
        this.order = order;
        this.timeout = timeout;
    }

    /**
     * Reads each descriptor of {@code plugin} once, in the order id, priority, phase, order, timeout.
     * Plugin code: call it under a time limit. Values are not checked here (the caller says what is wrong).
     *
     * @throws Throwable whatever a descriptor throws
     */
    public static DescribedStep read(Step plugin) {
        if (plugin instanceof DescribedStep d) {
            return d;
        }
        String id = plugin.id();
        Priority priority = plugin.priority();
        Phase phase = plugin.phase();
        int order = plugin.order();
        Duration timeout = plugin.timeout();
        return new DescribedStep(plugin, id, priority, phase, order, timeout);
    }

    /** The plugin's own instance. */
    public Step plugin() {
        return plugin;
    }

    /** The class whose code a step runs: the plugin's own class for a described step. */
    static Class<?> codeClass(Step step) {
        return step instanceof DescribedStep d ? d.plugin.getClass() : step.getClass();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Priority priority() {
        return priority;
    }

    @Override
    public Phase phase() {
        return phase;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public JsonNode run(StepContext context) throws Exception {
        return plugin.run(context);
    }

    @Override
    public Optional<JsonNode> fallback(StepContext context, Throwable failure) {
        return plugin.fallback(context, failure);
    }

    @Override
    public JsonNode safeDefault() {
        return plugin.safeDefault();
    }

    @Override
    public void start(PluginContext context) throws Exception {
        plugin.start(context);
    }

    @Override
    public void close() throws Exception {
        plugin.close();
    }

    /** Never the plugin's {@code toString()}: that is plugin code too. */
    @Override
    public String toString() {
        return "step '" + id + "' (" + plugin.getClass().getName() + ")";
    }
}
