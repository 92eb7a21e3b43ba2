package dev.tickguard.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Episode;
import dev.tickguard.spi.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A remote step reads the agent's memory through the broker, and its writes reach the agent's memory once. */
@ExtendWith(RealBroker.class)
class RemoteMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aRemoteStepReadsTheAgentsMemoryAndItsWritesAreAppliedByTheAgent(RealBroker.Running broker)
            throws Exception {
        TestSteps.Fake remember = new TestSteps.Fake("remember", Phase.SEQUENTIAL, 2, Duration.ofSeconds(10), c -> {
            List<Episode> seen = c.memory().recentEpisodes(10);
            c.memory().record(new Episode(Instant.now(), c.tick(), "remember", "saw " + seen.size(), "success"));
            c.memory().storeEmbedding("k" + c.tick(), "text " + c.tick(), new float[] {1f, 0f});
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("seen", seen.size());
            o.put("first", seen.isEmpty() ? "" : seen.get(0).text());
            o.put("hits", c.memory().nearest(new float[] {1f, 0f}, 5).size());
            return o;
        });
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(),
                new TestSteps.Fake("remember", Phase.SEQUENTIAL, 2, Duration.ofSeconds(10), c -> TestSteps.text("x"))),
                "remember")) {
            rig.memory.record(new Episode(Instant.now(), 0, "setup", "the agent remembers this", "success"));
            rig.worker("w1", 1, remember);
            TickRecord r1 = rig.engine.runTick();
            StepRecord s1 = RemoteRig.step(r1, "remember");
            assertThat(s1.outcome()).as(s1.error()).isEqualTo(StepOutcome.SUCCESS);
            var out1 = rig.engine.cache().get("remember").orElseThrow().value();
            assertThat(out1.path("seen").asInt()).isEqualTo(1);
            assertThat(out1.path("first").asText()).isEqualTo("the agent remembers this");
            assertThat(out1.path("hits").asInt()).isZero();
            // The worker's write is now in the agent's memory, once.
            assertThat(rig.memory.recentEpisodes(10)).extracting(Episode::text)
                    .containsExactly("saw 1", "the agent remembers this");
            rig.engine.runTick();
            var out2 = rig.engine.cache().get("remember").orElseThrow().value();
            assertThat(out2.path("seen").asInt()).isEqualTo(2);
            assertThat(out2.path("hits").asInt()).isEqualTo(1);
        }
    }
}
