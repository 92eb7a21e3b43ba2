package dev.tickguard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.ControlFixture.TestStep;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19: the control API pages through every retained tick, newest first, with filters and results. */
class HistoryPagingTest {
    @TempDir
    Path dir;

    @Test
    void pagesWalkEveryTickNewestFirstWithNoGapAndNoRepeat() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ZERO, TestStep.seq("a", 1), TestStep.seq("b", 2))) {
            for (int i = 0; i < 10; i++) {
                f.engine.runTick();
            }
            f.engine.database().flush(10_000);
            List<Long> seen = new ArrayList<>();
            TickQuery q = TickQuery.newest(3);
            List<TickEntry> page;
            do {
                page = f.control.history(q);
                page.forEach(t -> seen.add(t.record().tick()));
                if (!page.isEmpty()) {
                    assertThat(page.get(0).results().get("b").text()).contains("\"step\":\"b\"");
                    q = q.before(page.get(page.size() - 1).record().tick());
                }
            } while (page.size() == 3);
            assertThat(seen).containsExactly(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        }
    }

    @Test
    void filtersByStepOutcomeCauseModeAndTime() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ZERO, TestStep.seq("a", 1), TestStep.seq("b", 2))) {
            f.control.addChaos(Chaos.parse("fail:b,every=3"));
            Instant before = Instant.now();
            for (int i = 0; i < 9; i++) {
                f.engine.runTick();
            }
            f.engine.database().flush(10_000);
            List<TickEntry> fellBack = f.control.history(new TickQuery(null, null, null, null, "b", dev.tickguard.events.StepOutcome.FALLBACK, null, 100));
            assertThat(fellBack).extracting(t -> t.record().tick()).containsExactly(9L, 6L, 3L);
            assertThat(f.control.history(new TickQuery(null, null, null, null, "a", dev.tickguard.events.StepOutcome.FALLBACK, null, 100))).isEmpty();
            assertThat(f.control.history(new TickQuery(null, null, null, SystemMode.EMERGENCY, null, null, null, 100)))
                    .isEmpty();
            assertThat(f.control.history(new TickQuery(null, before, null, null, null, null, null, 100))).hasSize(9);
            assertThat(f.control.history(new TickQuery(null, null, before, null, null, null, null, 100))).isEmpty();
            // Jump to a tick number: the page that starts at it.
            assertThat(f.control.history(TickQuery.newest(2).before(5 + 1)))
                    .extracting(t -> t.record().tick()).containsExactly(5L, 4L);
        }
    }

    @Test
    void aPageOutsideItsBoundsIsRefusedWithTheNumber() {
        assertThatThrownBy(() -> TickQuery.newest(0)).hasMessageContaining("not 0");
        assertThatThrownBy(() -> TickQuery.newest(TickQuery.MAX_LIMIT + 1)).hasMessageContaining("1 to 1000");
    }
}
