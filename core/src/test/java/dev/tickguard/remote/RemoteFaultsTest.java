package dev.tickguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the broker and the workers can do wrong, on a real broker: a worker dies holding a step, the
 * broker goes away mid-run, a step kills every worker that takes it, a message waits past its
 * deadline, a run's result comes twice.
 */
@ExtendWith(RealBroker.class)
class RemoteFaultsTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerKilledMidStepIsRedeliveredToAnotherAndTheStepIsRecordedOnce(RealBroker.Running broker)
            throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicReference<String> firstWorker = new AtomicReference<>();
        CountDownLatch never = new CountDownLatch(1);
        // Shared by both workers: the first run blocks (its worker is killed), the redelivered one answers.
        TestSteps.Fake slow = new TestSteps.Fake("slow", Phase.SEQUENTIAL, 2, Duration.ofSeconds(20), c -> {
            if (firstWorker.compareAndSet(null, RemoteRig.workerOf(c))) {
                firstStarted.countDown();
                never.await();
            }
            return TestSteps.text("done on " + RemoteRig.workerOf(c));
        });
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(),
                new TestSteps.Fake("slow", Phase.SEQUENTIAL, 2, Duration.ofSeconds(20), c -> TestSteps.text("local"))),
                "slow")) {
            rig.worker("w1", 1, slow);
            rig.worker("w2", 1, slow);
            Thread killer = new Thread(() -> {
                try {
                    if (firstStarted.await(30, TimeUnit.SECONDS)) {
                        rig.named(firstWorker.get()).kill();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            TickRecord r = rig.engine.runTick();
            killer.join();
            never.countDown(); // the killed worker's run returns now: its result can no longer reach anyone
            StepRecord s = RemoteRig.step(r, "slow");
            assertThat(s.outcome()).as(s.error()).isEqualTo(StepOutcome.SUCCESS);
            String survivor = firstWorker.get().equals("w1") ? "w2" : "w1";
            var placement = rig.engine.remote().placement(r.tick(), "slow").orElseThrow();
            assertThat(placement.worker()).isEqualTo(survivor);
            assertThat(placement.delivery()).isEqualTo(2);
            assertThat(s.attempt()).isEqualTo(2);
            assertThat(slow.runs).hasValue(2);
            assertThat(r.steps()).extracting(StepRecord::id).containsExactly("first", "slow");
            assertThat(rig.link.counters().duplicates()).isZero();
        }
    }

    /**
     * Rounds of a real worker process killed with SIGKILL at a random point of its step (seed printed;
     * replay with {@code -Dtickguard.killSeed=SEED}): the broker hands the step to the in-process worker,
     * the step is recorded once, as its second attempt, in the tick and in the database.
     */
    @Test
    void aWorkerProcessKilledWithSigkillMidStepLosesNothingAndTheStepIsRecordedOnceAsItsSecondAttempt(
            RealBroker.Running broker) throws Exception {
        long seed = Long.getLong("tickguard.killSeed", System.nanoTime());
        System.out.println("RemoteFaultsTest SIGKILL rounds: seed " + seed + " (replay: -Dtickguard.killSeed=" + seed + ")");
        java.util.Random random = new java.util.Random(seed);
        int rounds = 3;
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(),
                new TestSteps.Fake("slow", Phase.SEQUENTIAL, 2, Duration.ofSeconds(20), c -> TestSteps.text("local"))),
                "slow")) {
            StepWorker w2 = rig.worker("w2", 1, new TestSteps.Fake("slow", Phase.SEQUENTIAL, 2, Duration.ofSeconds(20),
                    c -> TestSteps.text("done on w2")));
            stop(rig, "w2", true); // the child takes each round's message first
            List<Long> ticks = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Path childData = dir.resolve("worker-child-" + round);
                Process child = WorkerProcess.start(broker.uri(), rig.pool, "child" + round, childData);
                try {
                    java.util.concurrent.CompletableFuture<TickRecord> tick =
                            java.util.concurrent.CompletableFuture.supplyAsync(rig.engine::runTick);
                    Path started = childData.resolve("sandbox").resolve(rig.link.agentId()).resolve("slow")
                            .resolve("started");
                    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(started));
                    stop(rig, "w2", false);
                    long killAfterMs = random.nextInt(300);
                    Thread.sleep(killAfterMs); // a random point of the step, on purpose
                    child.destroyForcibly(); // SIGKILL: no goodbye to the broker, no ack
                    TickRecord r = tick.get(40, TimeUnit.SECONDS);
                    StepRecord s = RemoteRig.step(r, "slow");
                    String round0 = "round " + round + " (killed " + killAfterMs + " ms after the step started)";
                    assertThat(s.outcome()).as(round0 + ": " + s.error()).isEqualTo(StepOutcome.SUCCESS);
                    assertThat(s.ranOn()).as(round0).startsWith("worker w2 ").endsWith("(attempt 2)");
                    assertThat(s.attempt()).as(round0).isEqualTo(2);
                    assertThat(dev.tickguard.persist.JournalJson.step(s).path("attempt").asInt()).isEqualTo(2);
                    assertThat(r.steps()).extracting(StepRecord::id).containsExactly("first", "slow");
                    ticks.add(r.tick());
                } finally {
                    child.destroyForcibly();
                    child.waitFor(10, TimeUnit.SECONDS);
                    stop(rig, "w2", true);
                }
            }
            assertThat(rig.link.counters().duplicates()).isZero();
            assertThat(rig.link.counters().redelivered()).isEqualTo(rounds);
            // In the database too: each tick once, its remote step as the second attempt.
            dev.tickguard.persist.TickStore store = new dev.tickguard.persist.TickStore(rig.db);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    store.page(dev.tickguard.persist.TickStore.Query.newest(100)))
                    .extracting(e -> e.record().tick()).containsExactlyInAnyOrderElementsOf(ticks));
            for (var e : store.page(dev.tickguard.persist.TickStore.Query.newest(100))) {
                assertThat(RemoteRig.step(e.record(), "slow").attempt()).isEqualTo(2);
            }
        }
    }

    /** The agent's worker-stop, returning once the worker does what it says. */
    private static void stop(RemoteRig rig, String worker, boolean stop) {
        rig.link.setWorkerStopped(worker, stop);
        await().atMost(Duration.ofSeconds(20)).until(() -> rig.named(worker).paused() == stop);
    }

    @Test
    void aSecondResultForARunIsDiscardedAndCounted(RealBroker.Running broker) throws Exception {
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(), TestSteps.echo()),
                "echo")) {
            rig.worker("w1", 1, TestSteps.echo());
            TickRecord r = rig.engine.runTick();
            assertThat(RemoteRig.step(r, "echo").outcome()).isEqualTo(StepOutcome.SUCCESS);
            // A redelivered run that finished twice: the same run key answered again.
            String key = StepRequest.runKey(rig.link.agentId(), r.tick(), "echo");
            StepReply again = new StepReply(key, "w9", "elsewhere", TestSteps.text("again"), null, null, null, 1, 2,
                    List.of(), List.of());
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(broker.uri());
            try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
                ch.basicPublish("", RemoteNames.replyQueue(rig.link.agentId()),
                        new AMQP.BasicProperties.Builder().type(RemoteNames.TYPE_RESULT).build(), again.toBytes());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> rig.link.counters().duplicates() == 1);
            assertThat(rig.link.counters().late()).isZero();
        }
    }

    @Test
    void theBrokerGoneMidRunTicksGoOnOnFallbacksAndEverythingReconnectsByItself(RealBroker.Running broker)
            throws Exception {
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(), TestSteps.echo()),
                "echo")) {
            rig.worker("w1", 1, TestSteps.echo());
            assertThat(RemoteRig.step(rig.engine.runTick(), "echo").outcome()).isEqualTo(StepOutcome.SUCCESS);
            List<TickRecord> ticks = new ArrayList<>();
            broker.pause();
            try {
                TickRecord down = rig.engine.runTick();
                ticks.add(down);
                StepRecord s = RemoteRig.step(down, "echo");
                assertThat(s.outcome()).isEqualTo(StepOutcome.FALLBACK);
                assertThat(s.cause()).isIn(StepCause.DEPENDENCY_FAILED, StepCause.DEPENDENCY_OPEN);
                assertThat(s.error()).contains("remote broker").contains("step not sent");
                // The broker's failure is counted by remote:broker, not by the step's own breaker.
                assertThat(rig.breakers.get("step:echo").consecutiveFailures()).isZero();
            } finally {
                broker.resume();
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                TickRecord r = rig.engine.runTick();
                ticks.add(r);
                return RemoteRig.step(r, "echo").outcome() == StepOutcome.SUCCESS;
            });
            for (TickRecord r : ticks) {
                assertThat(r.steps()).extracting(StepRecord::id).containsExactly("first", "echo");
            }
            assertThat(rig.link.counters().duplicates()).isZero();
        }
    }

    @Test
    void aStepThatKillsEveryWorkerThatTakesItIsDeadLetteredAndListedAsPoison(RealBroker.Running broker)
            throws Exception {
        AtomicReference<RemoteRig> rigRef = new AtomicReference<>();
        TestSteps.Fake poison = new TestSteps.Fake("poison", Phase.SEQUENTIAL, 2, Duration.ofSeconds(3), c -> {
            rigRef.get().named(RemoteRig.workerOf(c)).kill(); // as a plugin calling System.exit would
            Thread.sleep(60_000);
            return TestSteps.text("never");
        });
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 1, List.of(TestSteps.first(),
                new TestSteps.Fake("poison", Phase.SEQUENTIAL, 2, Duration.ofSeconds(3), c -> TestSteps.text("x"))),
                "poison")) {
            rigRef.set(rig);
            rig.worker("p1", 1, poison);
            rig.worker("p2", 1, poison);
            rig.worker("p3", 1, poison);
            TickRecord r = rig.engine.runTick();
            assertThat(RemoteRig.step(r, "poison").cause()).isEqualTo(StepCause.TIMEOUT);
            await().atMost(Duration.ofSeconds(30)).until(() -> !rig.link.poison().isEmpty());
            var p = rig.link.poison().get(0);
            assertThat(p.runKey()).isEqualTo(StepRequest.runKey(rig.link.agentId(), r.tick(), "poison"));
            assertThat(p.step()).isEqualTo("poison");
            assertThat(p.reason()).contains("never finished");
            assertThat(poison.runs).hasValue(2); // the delivery limit of 1: one delivery, one redelivery
        }
    }

    @Test
    void aMessageThatWaitedPastItsDeadlineIsDroppedUnstarted(RealBroker.Running broker) throws Exception {
        TestSteps.Fake quick = new TestSteps.Fake("quick", Phase.SEQUENTIAL, 2, Duration.ofMillis(800),
                c -> TestSteps.text("ran"));
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(),
                new TestSteps.Fake("quick", Phase.SEQUENTIAL, 2, Duration.ofMillis(800), c -> TestSteps.text("x"))),
                "quick")) {
            // No worker yet: the message waits in the queue, and the agent times out and falls back.
            TickRecord r = rig.engine.runTick();
            assertThat(RemoteRig.step(r, "quick").cause()).isEqualTo(StepCause.TIMEOUT);
            StepWorker w = rig.worker("late", 1, quick);
            await().atMost(Duration.ofSeconds(20)).until(() -> w.counts()[3] == 1);
            assertThat(quick.runs).hasValue(0);
            assertThat(rig.link.counters().late()).isZero();
            assertThat(Map.of("expired", w.counts()[3], "done", w.counts()[1])).containsEntry("done", 0L);
        }
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAsPoisonAndTheWorkerGoesOn(RealBroker.Running broker) throws Exception {
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(), TestSteps.echo()),
                "echo")) {
            rig.worker("w1", 1, TestSteps.echo());
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(broker.uri());
            try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
                ch.basicPublish("", RemoteNames.poolQueue(rig.pool), new AMQP.BasicProperties.Builder()
                        .headers(Map.of(RemoteNames.AGENT_HEADER, rig.link.agentId())).build(),
                        "not a step".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !rig.link.poison().isEmpty());
            assertThat(rig.link.poison().get(0).reason()).contains("unreadable");
            TickRecord r = rig.engine.runTick();
            assertThat(RemoteRig.step(r, "echo").outcome()).isEqualTo(StepOutcome.SUCCESS);
        }
    }

    /** Regression: the reply wait ended at the deadline itself and raced the engine's interrupt (an ERROR). */
    @Test
    void aRemoteStepThatNoWorkerAnswersIsATimeoutNeverAStepError(RealBroker.Running broker) throws Exception {
        try (RemoteRig rig = new RemoteRig(broker.uri(), dir, 3, List.of(TestSteps.first(),
                new TestSteps.Fake("quick", Phase.SEQUENTIAL, 2, Duration.ofMillis(200), c -> TestSteps.text("x"))),
                "quick")) {
            // Three: the step's breaker (3 failures in a row) refuses the fourth.
            for (int i = 0; i < 3; i++) {
                StepRecord s = RemoteRig.step(rig.engine.runTick(), "quick");
                // Three timeouts open the step's own breaker (threshold 3): then it is refused, still never an error.
                assertThat(s.cause()).as(s.error()).isEqualTo(i < 3 ? StepCause.TIMEOUT : s.cause())
                        .isIn(StepCause.TIMEOUT, StepCause.BREAKER_OPEN);
                assertThat(s.outcome()).isEqualTo(StepOutcome.FALLBACK);
            }
            assertThat(rig.breakers.get(AgentLink.BREAKER).consecutiveFailures()).isZero();
        }
    }

    @SuppressWarnings("unused")
    private static JsonNode unused() {
        return null;
    }
}
