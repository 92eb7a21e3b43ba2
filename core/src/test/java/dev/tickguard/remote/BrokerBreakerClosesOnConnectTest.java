package dev.tickguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.config.BreakerSettings;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression, found by the 8-agent throughput run of {@code bench/run remote-steps}: agents whose
 * first ticks started before their broker connection was up opened {@code remote:broker} ("not
 * connected yet", 3 in a row) and kept it open for the breaker's whole delay (60 s) although they
 * connected a moment later: a minute of fallbacks, and EMERGENCY with the critical steps remote.
 */
@ExtendWith(RealBroker.class)
class BrokerBreakerClosesOnConnectTest {
    @TempDir
    Path dir;

    @Test
    void theBrokersBreakerOpenedBeforeTheFirstConnectionClosesWhenTheLinkConnects(RealBroker.Running broker)
            throws Exception {
        BreakerSettings longDelay = new BreakerSettings(3, Duration.ofMinutes(10), 1);
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, longDelay, false,
                List.of(TestSteps.first(), TestSteps.echo()), "echo")) {
            for (int i = 0; i < 3; i++) {
                StepRecord s = RemoteRig.step(rig.engine.runTick(), "echo");
                assertThat(s.outcome()).isEqualTo(StepOutcome.FALLBACK);
                assertThat(s.cause()).isEqualTo(StepCause.DEPENDENCY_FAILED);
                assertThat(s.error()).contains("not connected");
            }
            assertThat(rig.breakers.get(AgentLink.BREAKER).state()).isEqualTo(BreakerState.OPEN);

            rig.link.start();
            await().atMost(Duration.ofSeconds(30)).until(rig.link::connected);
            rig.worker("w1", 1, TestSteps.echo());
            assertThat(rig.breakers.get(AgentLink.BREAKER).state()).isEqualTo(BreakerState.CLOSED);
            StepRecord back = RemoteRig.step(rig.engine.runTick(), "echo");
            assertThat(back.outcome()).as(back.error()).isEqualTo(StepOutcome.SUCCESS);
        }
    }
}
