package dev.tickguard.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A step with run_on: remote runs on a worker through a real broker, and comes back as the step's result. */
@ExtendWith(RealBroker.class)
class RemoteStepRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aRemoteStepRunsOnAWorkerWithTheInputsItReadsAndIsRecordedOnce(RealBroker.Running broker) throws Exception {
        TestSteps.Fake agentEcho = TestSteps.echo();
        TestSteps.Fake workerEcho = TestSteps.echo();
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(), agentEcho), "echo")) {
            rig.worker("w1", 1, workerEcho);
            TickRecord r = rig.engine.runTick();
            StepRecord echo = r.steps().stream().filter(s -> s.id().equals("echo")).findFirst().orElseThrow();
            assertThat(echo.outcome()).as(echo.error()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(agentEcho.runs).hasValue(0);
            assertThat(workerEcho.runs).hasValue(1);
            var placement = rig.engine.remote().placement(r.tick(), "echo").orElseThrow();
            assertThat(placement.worker()).isEqualTo("w1");
            assertThat(echo.ranOn()).startsWith("worker w1 on ");
            assertThat(RemoteRig.step(r, "first").ranOn()).isNull();
            JsonNode out = rig.engine.cache().get("echo").orElseThrow().value();
            assertThat(out.path("saw").asText()).isEqualTo("tick " + r.tick());
            assertThat(out.path("run_key").asText()).isEqualTo(rig.link.agentId() + ":" + r.tick() + "/echo");
            assertThat(rig.link.counters().sent()).isEqualTo(1);
            assertThat(rig.link.counters().duplicates()).isZero();
        }
    }

    @Test
    void aStepOnlyWorkersHaveRunsFromTheConfigAloneAndTheAgentNeverLoadsIt(RealBroker.Running broker)
            throws Exception {
        // The agent has no "isolated" step at all: only run_on: remote in its config.
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first()), "isolated")) {
            TestSteps.Fake isolated = new TestSteps.Fake("isolated", dev.tickguard.spi.Phase.PARALLEL, 0,
                    java.time.Duration.ofSeconds(5), c -> TestSteps.text("saw " + c.output("first").orElseThrow().asText()));
            rig.worker("w1", 1, isolated);
            TickRecord r = rig.engine.runTick();
            StepRecord s = RemoteRig.step(r, "isolated");
            assertThat(s.outcome()).as(s.error()).isEqualTo(StepOutcome.SUCCESS);
            assertThat(s.phase()).isEqualTo(dev.tickguard.spi.Phase.PARALLEL);
            assertThat(s.priority()).isEqualTo(dev.tickguard.spi.Priority.OPTIONAL);
            assertThat(rig.engine.cache().get("isolated").orElseThrow().value().asText()).isEqualTo("saw tick " + r.tick());
            rig.workers.forEach(StepWorker::kill);
            StepRecord gone = RemoteRig.step(rig.engine.runTick(), "isolated");
            assertThat(gone.outcome()).isEqualTo(StepOutcome.FALLBACK); // its last good result, or null
        }
    }
}
