package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pump without a window: producers never wait, a pulse moves everything in one batch, overflow resyncs. */
class FxPumpTest {
    private final List<List<Integer>> batches = new ArrayList<>();
    private final List<Boolean> resyncs = new ArrayList<>();

    private FxPump<Integer> pump(int capacity) {
        return new FxPump<>(capacity, (batch, resync) -> {
            batches.add(batch);
            resyncs.add(resync);
        });
    }

    @Test
    void onePulseDeliversEverythingQueuedAsOneBatchInOrder() {
        FxPump<Integer> p = pump(100);
        for (int i = 0; i < 50; i++) {
            p.offer(i);
        }
        assertThat(p.drainOnce()).isEqualTo(50);
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(50).isSorted();
        assertThat(resyncs).containsExactly(false);
        assertThat(p.drainOnce()).as("an idle pulse does nothing").isZero();
        assertThat(batches).hasSize(1);
    }

    @Test
    void aFullQueueDropsCountsAndAsksTheNextPulseToResync() {
        FxPump<Integer> p = pump(10);
        for (int i = 0; i < 25; i++) {
            p.offer(i);
        }
        assertThat(p.dropped()).isEqualTo(15);
        assertThat(p.offered()).isEqualTo(25);
        p.drainOnce();
        assertThat(batches.get(0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(resyncs).containsExactly(true);
        p.offer(99);
        p.drainOnce();
        assertThat(resyncs).containsExactly(true, false);
    }

    @Test
    void producersOnManyThreadsNeverBlockEvenWhenNobodyDrains() throws Exception {
        FxPump<Integer> p = pump(1_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 50_000; i++) {
                    p.offer(i);
                }
                done.countDown();
            });
        }
        // Nothing drains: if offer() could wait for the FX thread, this would never finish.
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(p.backlog()).isEqualTo(1_000);
        assertThat(p.dropped()).isEqualTo(200_000 - 1_000);
    }

    @Test
    void aResyncRequestAloneTriggersOneBatch() {
        FxPump<Integer> p = pump(10);
        p.requestResync();
        p.drainOnce();
        assertThat(batches).containsExactly(List.of());
        assertThat(resyncs).containsExactly(true);
    }

    /** Issue 18 item 5: with nothing to do the pump's timer sleeps (no 60 pulses a second); an offer or the clock wakes it. */
    @Test
    void anIdlePumpSleepsAndAnOfferOrTheClockWakesIt() throws Exception {
        List<Integer> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger clockRuns = new java.util.concurrent.atomic.AtomicInteger();
        FxPump<Integer> p = onTheFxToolkit(got);
        p.every(java.time.Duration.ofMillis(300), clockRuns::incrementAndGet);
        org.testfx.util.WaitForAsyncUtils.asyncFx(p::start).get();
        try {
            p.offer(1);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> got.contains(1));
            // Asleep between clock ticks: an awake pump pulses 60 times a second for nothing.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !p.awake());
            p.offer(2);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> got.contains(2));
            int before = clockRuns.get();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> clockRuns.get() > before + 1);
        } finally {
            org.testfx.util.WaitForAsyncUtils.asyncFx(p::stop).get();
        }
        assertThat(got).containsExactly(1, 2);
    }

    /**
     * Issue 18 (idle cost): a wake after a long sleep whose batch leaves nothing behind sleeps again after
     * that one pulse; it took a second, empty, pulse (on this target each costs a few thread switches).
     */
    @Test
    void anIsolatedEventCostsOnePulseNotTwo() throws Exception {
        List<Integer> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger pulses = new java.util.concurrent.atomic.AtomicInteger();
        FxPump<Integer> p = onTheFxToolkit(got);
        p.addPulseListener((pulse, work, items) -> pulses.incrementAndGet());
        org.testfx.util.WaitForAsyncUtils.asyncFx(p::start).get();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !p.awake());
            // Asleep for longer than a storm's gaps: an isolated wake.
            org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofNanos(FxPump.LONG_SLEEP_NANOS).plusMillis(200))
                    .atMost(java.time.Duration.ofSeconds(30)).until(() -> !p.awake());
            int before = pulses.get();
            p.offer(7);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> got.contains(7) && !p.awake());
            assertThat(pulses.get() - before).as("pulses of the pump's timer for one isolated event").isEqualTo(1);
        } finally {
            org.testfx.util.WaitForAsyncUtils.asyncFx(p::stop).get();
        }
    }

    /** A pump on the running FX toolkit (started for it) whose batches go to {@code got}; not started. */
    private static FxPump<Integer> onTheFxToolkit(List<Integer> got) throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        return new FxPump<>(100, (batch, resync) -> got.addAll(batch));
    }
}
