package dev.tickguard.remote;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.config.StepOverride;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.engine.TickEngineBuilder;
import dev.tickguard.memory.DbMemory;
import dev.tickguard.persist.Database;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.internal.UnavailableLlm;
import dev.tickguard.time.TimeSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An agent (engine + broker link) and in-process workers on a real broker, each rig on a pool of
 * its own so that test classes sharing the broker never see each other's messages.
 */
final class RemoteRig implements AutoCloseable {
    final String pool = "test-" + UUID.randomUUID().toString().substring(0, 8);
    final URI broker;
    final Path dir;
    final EventBus bus = new EventBus();
    final TickguardConfig config;
    final BreakerRegistry breakers;
    final Database db;
    final DbMemory memory;
    final AgentLink link;
    final TickEngine engine;
    final List<StepWorker> workers = new ArrayList<>();
    /** Attached before anything is published, as the launcher does. */
    final dev.tickguard.control.internal.ControlModel model = dev.tickguard.control.internal.ControlModel.attach(bus);

    /** @param remote the ids of the steps that run on workers */
    RemoteRig(URI broker, Path dir, int deliveryLimit, List<Step> steps, String... remote) throws Exception {
        this(broker, dir, deliveryLimit, new BreakerSettings(3, Duration.ofMillis(300), 1), true, steps, remote);
    }

    /**
     * @param breaker the agent's breaker settings
     * @param connect false to leave the broker link unstarted ({@code link.start()} is the test's)
     */
    RemoteRig(URI broker, Path dir, int deliveryLimit, BreakerSettings breaker, boolean connect, List<Step> steps,
              String... remote) throws Exception {
        this.broker = broker;
        this.dir = dir;
        Map<String, StepOverride> overrides = new HashMap<>();
        for (String id : remote) {
            overrides.put(id, new StepOverride(null, null, null, null, StepOverride.RunOn.REMOTE));
        }
        this.config = TickguardConfig.defaults().withDataDir(dir.resolve("agent"))
                .with(breaker)
                .with(new HealthSettings(Duration.ofSeconds(30), Duration.ofSeconds(15), 95, 0, 2, 2, 1000))
                .withSteps(overrides);
        this.breakers = new BreakerRegistry(config.breaker(), bus, TimeSource.system());
        this.db = Database.open(config.dataDir());
        this.memory = new DbMemory(db);
        this.link = new AgentLink(broker, AgentId.of(config.dataDir()), pool, deliveryLimit,
                config.tick().limit().toMillis() + 60_000, breakers.get(AgentLink.BREAKER), memory, bus,
                TimeSource.system());
        TickEngineBuilder b = TickEngine.builder(config).bus(bus).breakers(breakers).memory(memory).database(db, null)
                .withoutDefaultChecks().remote(new RemoteSteps(link));
        for (Step s : steps) {
            b.step(s, "test");
        }
        this.engine = b.build();
        if (connect) {
            link.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(link::connected);
        }
    }

    /** The control API over this rig's engine. */
    dev.tickguard.control.TickguardControl control() {
        return dev.tickguard.control.internal.EngineControl.create(engine, model, null, List.of(), false,
                TimeSource.system());
    }

    /** A started worker of this rig's pool, consuming when this returns. */
    StepWorker worker(String name, int concurrency, Step... steps) throws InterruptedException {
        Map<String, Step> byId = new HashMap<>();
        for (Step s : steps) {
            byId.put(s.id(), s);
        }
        StepWorker w = new StepWorker(new StepWorker.Options(broker, name, pool, concurrency, Duration.ofMillis(300),
                dir.resolve("worker-" + name), "test", Map.of("built-in", "test")), byId,
                new UnavailableLlm("no LLM in this test"));
        w.start();
        if (!w.awaitReady(Duration.ofSeconds(30))) {
            throw new IllegalStateException("worker " + name + " did not start consuming");
        }
        workers.add(w);
        return w;
    }

    /** The rig's worker with this name. */
    StepWorker named(String name) {
        return workers.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    /** The name of the worker a step runs on, from its sandbox folder ({@code worker-<name>/sandbox/<agent>/<step>}). */
    static String workerOf(dev.tickguard.spi.StepContext c) {
        return c.sandbox().getParent().getParent().getParent().getFileName().toString().substring("worker-".length());
    }

    /** The record of step {@code id} in a tick. */
    static dev.tickguard.events.StepRecord step(dev.tickguard.events.TickRecord r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        workers.forEach(StepWorker::close);
        engine.close();
        link.close();
        db.close();
    }
}
