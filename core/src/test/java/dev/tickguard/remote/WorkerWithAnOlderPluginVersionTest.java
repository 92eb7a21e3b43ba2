package dev.tickguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.PluginInfo;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.WorkerInfo;
import dev.tickguard.persist.JournalJson;
import dev.tickguard.plugin.PluginRegistry;
import dev.tickguard.plugin.TestPluginJars;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.SpiVersion;
import dev.tickguard.spi.internal.UnavailableLlm;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose plugin is another build than the agent's, with two real plugin JARs built here.
 * What must happen follows the SPI descriptors: the SPI version is the contract between Tickguard
 * and a step, so a worker serves an older version of a plugin built for this SPI's major version
 * (the plugin's own version is the author's business), and the step's record, journal line and the
 * Workers view name the version that ran; a build for another SPI major version is refused when the
 * worker loads it (as the agent refuses it), so the worker does not serve that step and the agent
 * falls back, saying so.
 */
@ExtendWith(RealBroker.class)
class WorkerWithAnOlderPluginVersionTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerServesAnOlderVersionOfAPluginAndTheRecordAndTheWorkersViewNameTheVersionThatRan(
            RealBroker.Running broker) throws Exception {
        TestPluginJars.write(dir.resolve("agent-plugins/greet-1.1.0.jar"), "greet", "1.1.0", SpiVersion.VERSION, "greet");
        TestPluginJars.write(dir.resolve("worker-plugins/greet-1.0.0.jar"), "greet", "1.0.0", SpiVersion.VERSION, "greet");
        try (Plugins agentSide = new Plugins(dir.resolve("agent-plugins"));
             Plugins workerSide = new Plugins(dir.resolve("worker-plugins"));
             RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, agentSide.steps(), "greet")) {
            assertThat(agentSide.registry.list()).extracting(PluginInfo::version).contains("1.1.0");
            worker(rig, "old", workerSide);

            StepRecord s = RemoteRig.step(rig.engine.runTick(), "greet");
            assertThat(s.outcome()).as(s.error()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(s.ranOn()).startsWith("worker old ").endsWith(", plugin greet 1.0.0");
            assertThat(JournalJson.step(s).path("ran_on").asText()).contains("plugin greet 1.0.0");
            await().atMost(Duration.ofSeconds(10)).until(() -> !rig.link.workers().isEmpty());
            WorkerInfo w = rig.link.workers().get(0);
            assertThat(w.plugins()).containsEntry("greet", "1.0.0");
        }
    }

    @Test
    void aWorkerWhosePluginIsBuiltForAnotherSpiMajorVersionDoesNotServeItAndTheStepFallsBackSayingSo(
            RealBroker.Running broker) throws Exception {
        TestPluginJars.write(dir.resolve("agent-plugins/greet-1.1.0.jar"), "greet", "1.1.0", SpiVersion.VERSION, "greet");
        String otherMajor = (SpiVersion.MAJOR + 1) + ".0";
        TestPluginJars.write(dir.resolve("worker-plugins/greet-9.0.0.jar"), "greet", "9.0.0", otherMajor, "greet");
        try (Plugins agentSide = new Plugins(dir.resolve("agent-plugins"));
             Plugins workerSide = new Plugins(dir.resolve("worker-plugins"));
             RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, agentSide.steps(), "greet")) {
            assertThat(workerSide.discovered).isEmpty(); // refused at load, with its reason
            assertThat(workerSide.registry.list()).filteredOn(p -> p.state() == PluginState.FAILED)
                    .extracting(PluginInfo::reason).anySatisfy(r -> assertThat(r).contains("SPI " + otherMajor));
            worker(rig, "other-spi", workerSide);

            StepRecord s = RemoteRig.step(rig.engine.runTick(), "greet");
            assertThat(s.outcome()).isEqualTo(StepOutcome.FALLBACK);
            assertThat(s.error()).contains("does not serve step 'greet'").contains("other-spi");
        }
    }

    /** A worker the way {@code tickguard worker --plugins DIR} makes one: the registry's steps and versions. */
    private static void worker(RemoteRig rig, String name, Plugins plugins) throws Exception {
        Map<String, Step> served = new HashMap<>();
        for (TickEngine.Discovered d : plugins.discovered) {
            served.put(d.step().id(), d.step());
        }
        Map<String, String> versions = new HashMap<>();
        Map<String, String> pluginOfStep = new HashMap<>();
        for (PluginInfo p : plugins.registry.list()) {
            versions.put(p.id(), p.version());
            if (p.state() == PluginState.LOADED) {
                p.stepIds().forEach(id -> pluginOfStep.put(id, p.id() + " " + p.version()));
            }
        }
        StepWorker w = new StepWorker(new StepWorker.Options(rig.broker, name, rig.pool, 1, Duration.ofMillis(300),
                rig.dir.resolve("worker-" + name), "test", versions), served, pluginOfStep,
                new UnavailableLlm("no LLM in this test"));
        w.start();
        assertThat(w.awaitReady(Duration.ofSeconds(30))).isTrue();
        rig.workers.add(w);
    }

    /** The plugins of one folder, loaded by the real registry (SPI check, descriptor, services). */
    private static final class Plugins implements AutoCloseable {
        final PluginRegistry registry;
        final List<TickEngine.Discovered> discovered;

        Plugins(Path folder) {
            TickguardConfig config = TickguardConfig.defaults().withDataDir(folder.resolveSibling(folder.getFileName()
                    + "-data")).withPluginsDir(folder);
            registry = new PluginRegistry(config, new dev.tickguard.bus.EventBus(), TimeSource.system(), List.of());
            discovered = registry.start();
        }

        List<Step> steps() {
            List<Step> out = new ArrayList<>();
            out.add(TestSteps.first());
            discovered.forEach(d -> out.add(d.step()));
            return out;
        }

        @Override
        public void close() {
            registry.close();
        }
    }
}
