package dev.tickguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.events.WorkerInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The workers view, worker-stop and broker-down through the control API, on a real broker. */
@ExtendWith(RealBroker.class)
class WorkersSeenAndSteeredTest {
    @TempDir
    Path dir;

    @Test
    void workersAreListedStoppedByChaosAndGoneAfterTwoMissedHeartbeats(RealBroker.Running broker) throws Exception {
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(), TestSteps.echo()),
                "echo")) {
            TickguardControl control = rig.control();
            rig.worker("w1", 1, TestSteps.echo());
            StepWorker w2 = rig.worker("w2", 2, TestSteps.echo());
            await().atMost(Duration.ofSeconds(10)).until(() -> control.workers().size() == 2);
            WorkerInfo w = control.workers().get(0);
            assertThat(w.name()).isEqualTo("w1");
            assertThat(w.alive()).isTrue();
            assertThat(w.steps()).containsExactly("echo");
            assertThat(w.plugins()).containsEntry("built-in", "test");
            assertThat(control.workers().get(1).concurrency()).isEqualTo(2);

            control.addChaos(Chaos.parse("worker-stop:w1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> control.workers().get(0).stopped());
            for (int i = 0; i < 3; i++) {
                TickRecord r = rig.engine.runTick();
                StepRecord s = RemoteRig.step(r, "echo");
                assertThat(s.outcome()).as(s.error()).isEqualTo(StepOutcome.SUCCESS);
                assertThat(s.ranOn()).startsWith("worker w2 ");
            }
            assertThat(control.workers().get(1).done()).isGreaterThanOrEqualTo(0);
            control.removeChaos("worker-stop:w1");
            await().atMost(Duration.ofSeconds(10)).until(() -> !control.workers().get(0).stopped());

            w2.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> !control.workers().get(1).alive());
            assertThat(control.workers().get(0).alive()).isTrue();
            assertThat(control.remoteStats().orElseThrow().workersAlive()).isEqualTo(1);
        }
    }

    @Test
    void brokerDownMakesRemoteStepsFallBackWithTheirOwnBreakerAndItsReason(RealBroker.Running broker)
            throws Exception {
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(), TestSteps.echo()),
                "echo")) {
            TickguardControl control = rig.control();
            rig.worker("w1", 1, TestSteps.echo());
            control.addChaos(Chaos.brokerDown());
            StepRecord down = RemoteRig.step(rig.engine.runTick(), "echo");
            assertThat(down.outcome()).isEqualTo(StepOutcome.FALLBACK);
            assertThat(down.error()).contains("remote broker").contains("broker-down").contains("step not sent");
            assertThat(rig.breakers.get("step:echo").consecutiveFailures()).isZero();
            assertThat(rig.breakers.get(AgentLink.BREAKER).consecutiveFailures()).isEqualTo(1);
            control.removeChaos("broker-down");
            StepRecord back = RemoteRig.step(rig.engine.runTick(), "echo");
            assertThat(back.outcome()).as(back.error()).isEqualTo(StepOutcome.SUCCESS);
            var stats = control.remoteStats().orElseThrow();
            assertThat(stats.publishFailures()).isEqualTo(1);
            assertThat(stats.sent()).isEqualTo(1);
            assertThat(stats.roundTripP50Ms()).isPositive();
        }
    }

    @Test
    void remoteChaosWithoutABrokerIsRefusedWithTheReason(RealBroker.Running broker) throws Exception {
        try (var engine = dev.tickguard.engine.TickEngine.builder(dev.tickguard.config.TickguardConfig.defaults()
                .withDataDir(dir)).withoutDefaultChecks().build()) {
            var model = dev.tickguard.control.internal.ControlModel.attach(engine.bus());
            TickguardControl control = dev.tickguard.control.internal.EngineControl.create(engine, model, null,
                    List.of(), false, dev.tickguard.time.TimeSource.system());
            assertThatThrownBy(() -> control.addChaos(Chaos.brokerDown()))
                    .hasMessageContaining("no remote.broker is configured");
            assertThat(control.workers()).isEmpty();
            assertThat(control.remoteStats()).isEmpty();
        }
    }
}
