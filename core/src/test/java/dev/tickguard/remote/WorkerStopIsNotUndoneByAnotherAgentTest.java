package dev.tickguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.config.BreakerSettings;
import dev.tickguard.events.WorkerInfo;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: an agent that saw a paused worker in a heartbeat, without having stopped it itself,
 * told it to resume; so a {@code worker-stop} set by one agent was undone within a heartbeat by any
 * other agent sharing the broker (and the two then kept stopping and resuming it).
 */
@ExtendWith(RealBroker.class)
class WorkerStopIsNotUndoneByAnotherAgentTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerStoppedByOneAgentStaysStoppedWhileAnotherAgentHearsItsHeartbeats(RealBroker.Running broker)
            throws Exception {
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(), TestSteps.echo()),
                "echo");
             AgentLink other = new AgentLink(broker.uri(), "otheragent01", rig.pool, 3, 180_000,
                     new BreakerRegistry(new BreakerSettings(3, Duration.ofSeconds(1), 1), rig.bus, TimeSource.system())
                             .get(AgentLink.BREAKER), rig.memory, rig.bus, TimeSource.system())) {
            other.start();
            await().atMost(Duration.ofSeconds(30)).until(other::connected);
            StepWorker w1 = rig.worker("w1", 1, TestSteps.echo());
            await().atMost(Duration.ofSeconds(10)).until(() -> view(other) != null);

            rig.link.setWorkerStopped("w1", true);
            await().atMost(Duration.ofSeconds(10)).until(() -> view(other).stopped());
            // Watch the other agent hear at least five more heartbeats (300 ms apart in the rig).
            Instant seen = view(other).lastHeartbeat();
            AtomicInteger heard = new AtomicInteger();
            AtomicInteger resumed = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                WorkerInfo w = view(other);
                if (!w.stopped()) {
                    resumed.incrementAndGet();
                }
                if (w.lastHeartbeat().isAfter(seen.plusMillis(heard.get() * 300L))) {
                    heard.incrementAndGet();
                }
                return heard.get() >= 5;
            });
            assertThat(resumed).as("heartbeats in which the other agent saw w1 taking work again").hasValue(0);
            assertThat(w1.paused()).isTrue();

            rig.link.setWorkerStopped("w1", false); // the agent that stopped it resumes it
            await().atMost(Duration.ofSeconds(10)).until(() -> !w1.paused());
        }
    }

    private static WorkerInfo view(AgentLink agent) {
        return agent.workers().stream().filter(w -> w.name().equals("w1")).findFirst().orElse(null);
    }
}
