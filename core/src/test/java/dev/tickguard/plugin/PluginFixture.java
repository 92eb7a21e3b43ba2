package dev.tickguard.plugin;

import dev.tickguard.events.PluginInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.persist.Database;
import dev.tickguard.spi.BaseStep;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import dev.tickguard.time.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A plugin registry on a temp plugins folder and, from {@link #start()}, a real engine with one
 * built-in step ({@code heartbeat}) plus the plugins' steps. The registry does not poll by itself:
 * tests call {@link #settle()} (two looks at the folder, as two polls would).
 */
final class PluginFixture implements AutoCloseable {
    final Path data;
    final Path plugins;
    final TickguardConfig config;
    final EventBus bus = new EventBus();
    final List<TickEvent> events = new CopyOnWriteArrayList<>();
    TickEngine engine;
    PluginRegistry registry;
    /** The data folder's database: the engine's, and where the registry remembers the user's choices. */
    final Database db;
    final List<TickEngine.Discovered> builtIn;

    /** The built-in step every fixture has. */
    static final class Heartbeat extends BaseStep {
        Heartbeat() {
            super("heartbeat", Priority.CRITICAL, Phase.SEQUENTIAL, 10, Duration.ofSeconds(5));
        }

        @Override
        public JsonNode run(StepContext ctx) {
            return TextNode.valueOf("beat " + ctx.tick());
        }

        @Override
        public JsonNode safeDefault() {
            return TextNode.valueOf("no beat");
        }
    }

    PluginFixture(Path dir) throws Exception {
        this(dir, c -> c);
    }

    PluginFixture(Path dir, UnaryOperator<TickguardConfig> configure) throws Exception {
        data = dir.resolve("data");
        plugins = Files.createDirectories(data.resolve("plugins"));
        config = configure.apply(TickguardConfig.defaults().withDataDir(data));
        bus.subscribe("test", events::add);
        builtIn = List.of(new TickEngine.Discovered(new Heartbeat(), PluginRegistry.BUILT_IN));
        db = Database.open(data);
        registry = new PluginRegistry(config, bus, TimeSource.system(), builtIn, Duration.ofDays(1), db);
    }

    /** First load and the engine built with its steps, as at Tickguard's start. */
    PluginFixture start() {
        engine = TickEngine.builder(config).bus(bus).withoutDefaultChecks().database(db, null).steps(registry.start())
                .build();
        registry.watch(engine);
        return this;
    }

    /** Two looks at the folder: a change is applied once it has stayed the same for one poll. */
    void settle() {
        registry.rescan().join();
        registry.rescan().join();
    }

    PluginInfo status(String source) {
        return registry.list().stream().filter(s -> s.source().equals(source)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin from " + source + " in " + registry.list()));
    }

    PluginState state(String source) {
        return status(source).state();
    }

    Optional<StepRecord> step(TickRecord r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Runs a tick and checks it went on: the built-in step ran successfully. */
    TickRecord tick() {
        TickRecord r = engine.runTick();
        StepRecord beat = step(r, "heartbeat").orElseThrow(() -> new AssertionError("heartbeat did not run: " + r));
        if (beat.outcome() != StepOutcome.SUCCESS || r.abortReason() != null) {
            throw new AssertionError("the tick did not go on normally: " + r);
        }
        return r;
    }

    String output(String stepId) {
        return engine.cache().get(stepId).orElseThrow().value().asText();
    }

    List<TickEvent.PluginStateChanged> stateEvents() {
        bus.drain(Duration.ofSeconds(5));
        return events.stream().filter(e -> e instanceof TickEvent.PluginStateChanged)
                .map(e -> (TickEvent.PluginStateChanged) e).toList();
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        registry.close();
        bus.close();
        db.close();
    }
}
