package dev.tickguard.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.spi.Phase;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a step's durable state does on a remote worker (SPI 1.3 says: local only). The step counts
 * its runs in its state: run remotely, every run starts empty, the run succeeds, the agent's database
 * gets no state row, and the worker says so once.
 */
@ExtendWith(RealBroker.class)
class RemoteStateIsLocalOnlyTest {
    @TempDir
    Path dir;

    @Test
    void aRemoteRunStartsWithAnEmptyStateAndItsWritesStayOnTheWorker(RealBroker.Running broker) throws Exception {
        TestSteps.Fake counter = new TestSteps.Fake("counter", Phase.SEQUENTIAL, 2, Duration.ofSeconds(10), c -> {
            int n = c.state().get("count").map(v -> v.asInt()).orElse(0) + 1;
            c.state().put("count", IntNode.valueOf(n));
            return IntNode.valueOf(c.state().get("count").orElseThrow().asInt());
        });
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("dev.tickguard").addHandler(h);
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(),
                new TestSteps.Fake("counter", Phase.SEQUENTIAL, 2, Duration.ofSeconds(10), c -> TestSteps.text("x"))),
                "counter")) {
            rig.worker("w1", 1, counter);
            for (int t = 0; t < 2; t++) {
                StepRecord s = RemoteRig.step(rig.engine.runTick(), "counter");
                assertThat(s.outcome()).as(s.error()).isEqualTo(StepOutcome.SUCCESS);
                assertThat(rig.engine.cache().get("counter").orElseThrow().value().asInt())
                        .as("each remote run starts from an empty state").isEqualTo(1);
            }
            rig.db.flush(10_000);
            int rows = rig.db.read(c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM settings WHERE name LIKE 'step_state:%'");
                     ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertThat(rows).as("nothing of the worker's state reaches the agent's database").isZero();
        } finally {
            Logger.getLogger("dev.tickguard").removeHandler(h);
        }
        assertThat(warnings.stream().filter(m -> m.contains("step 'counter' uses StepContext.state(), which is local only")))
                .hasSize(1);
    }
}
