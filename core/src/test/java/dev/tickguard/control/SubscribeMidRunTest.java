package dev.tickguard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.control.ControlFixture.TestStep;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A subscriber that joins in the middle of a 100-tick run sees every event once, with no gap. */
class SubscribeMidRunTest {
    @TempDir
    Path dir;

    @Test
    void snapshotPlusEventsIsGapFreeAndDuplicateFree() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ZERO, TestStep.seq("a", 1), TestStep.seq("b", 2),
                new TestStep("c", dev.tickguard.spi.Priority.OPTIONAL, dev.tickguard.spi.Phase.PARALLEL, 0))) {
            var done = f.engine.stopAfter(100);
            f.control.start();
            await().atMost(60, TimeUnit.SECONDS).until(() -> f.control.engine().lastTick() >= 30);

            List<Sequenced<TickEvent>> received = new CopyOnWriteArrayList<>();
            ControlSubscription sub = f.control.subscribe(received::add);
            ControlSnapshot snap = sub.snapshot();
            assertThat(snap.engine().lastTick()).isBetween(30L, 100L);

            done.get(60, TimeUnit.SECONDS);
            long last = f.bus.lastSeq();
            await().atMost(30, TimeUnit.SECONDS).until(() -> sub.lastDelivered() == last);
            sub.close();

            List<Long> seqs = received.stream().map(Sequenced::seq).toList();
            List<Long> expected = new ArrayList<>();
            for (long s = snap.seq() + 1; s <= last; s++) {
                expected.add(s);
            }
            assertThat(seqs).isEqualTo(expected);

            // Every tick is either in the snapshot's history or arrives as an event, exactly once.
            List<Long> ticks = new ArrayList<>();
            snap.histories().ticks().forEach(t -> ticks.add(t.record().tick()));
            received.stream().filter(s -> s.event() instanceof TickEvent.TickFinished)
                    .forEach(s -> ticks.add(((TickEvent.TickFinished) s.event()).record().tick()));
            assertThat(ticks).hasSize(100).doesNotHaveDuplicates();
            assertThat(ticks).first().isEqualTo(1L);
            assertThat(ticks).last().isEqualTo(100L);
            assertThat(snap.histories().ticks()).allSatisfy(t -> assertThat(t.seq()).isLessThanOrEqualTo(snap.seq()));
            assertThat(snap.histories().ticks().get(0).results()).containsKeys("a", "b", "c");
        }
    }
}
