package dev.tickguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.spi.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: when the broker's consumer timeout took a message back from a worker (RabbitMQ closes
 * the consumer's channel; before 3.12 only its global {@code consumer_timeout} applies, the queue's
 * {@code x-consumer-timeout} is ignored), the worker's slot kept its dead channel and never took work
 * again, while its heartbeats said it was alive. On a broker of its own, whose consumer timeout is
 * set to 1.5 s at run time (and checked every 0.5 s instead of every minute).
 */
class BrokerConsumerTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void aSlotWhoseMessageTheBrokerTookBackTakesWorkAgain() throws Exception {
        try (RealBroker.Running broker = RealBroker.startOwn()) {
            broker.ctl("eval", "application:set_env(rabbit, channel_tick_interval, 500).");
            broker.ctl("eval", "application:set_env(rabbit, consumer_timeout, 1500).");
            try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(),
                    new TestSteps.Fake("held", Phase.SEQUENTIAL, 2, Duration.ofSeconds(15), c -> TestSteps.text("x"))),
                    "held");
                 Connection look = connect(broker); Channel ch = look.createChannel()) {
                String queue = RemoteNames.poolQueue(rig.pool);
                // The first run holds its message until the broker has taken it back (ready in the queue again).
                java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
                TestSteps.Fake held = new TestSteps.Fake("held", Phase.SEQUENTIAL, 2, Duration.ofSeconds(15), c -> {
                    if (first.getAndSet(false)) {
                        await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(100))
                                .until(() -> ch.queueDeclarePassive(queue).getMessageCount() == 1);
                    }
                    return TestSteps.text("ran tick " + c.tick());
                });
                StepWorker w1 = rig.worker("w1", 1, held);
                StepRecord taken = RemoteRig.step(rig.engine.runTick(), "held");
                assertThat(taken.outcome()).as(taken.error()).isEqualTo(StepOutcome.SUCCESS);
                assertThat(taken.ranOn()).startsWith("worker w1 ");
                assertThat(held.runs).hasValue(2); // the held run, then its redelivery on the slot's new channel
                StepRecord next = RemoteRig.step(rig.engine.runTick(), "held");
                assertThat(next.outcome()).as(next.error()).isEqualTo(StepOutcome.SUCCESS);
                assertThat(w1.counts()[0]).isZero();
            }
        }
    }

    private static Connection connect(RealBroker.Running broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(broker.uri());
        return f.newConnection();
    }
}
