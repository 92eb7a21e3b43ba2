package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, history: pages of ticks newest first with their steps' results, the next page from the
 * last tick of the one before, filtered by time, mode, step, outcome and cause.
 */
class TickStorePageTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    /** 50 ticks a minute apart; every 5th in DEGRADED with a timed-out 'curiosity' that fell back. */
    private TickStore seed(Database db) {
        TickWrites w = new TickWrites(db, null);
        for (long t = 1; t <= 50; t++) {
            boolean bad = t % 5 == 0;
            StepRecord mono = new StepRecord("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 5, 100,
                    StepOutcome.SUCCESS, null, null, null, false);
            StepRecord cur = new StepRecord("curiosity", Priority.OPTIONAL, Phase.PARALLEL, 5, 5, 100,
                    bad ? StepOutcome.FALLBACK : StepOutcome.SUCCESS, bad ? StepCause.TIMEOUT : null,
                    bad ? dev.tickguard.events.FallbackSource.CACHE : null, bad ? "timed out" : null, false);
            w.step(t, t + "/monologue", 0, mono, JsonNodeFactory.instance.objectNode().put("text", "thought " + t));
            w.step(t, t + "/curiosity", 1, cur, JsonNodeFactory.instance.objectNode().put("q", t));
            w.finished(new TickRecord(t, T0.plusSeconds(60 * t), 10, bad ? SystemMode.DEGRADED : SystemMode.NORMAL,
                    false, null, null, TickCounts.of(List.of(mono, cur)), Map.of(), List.of(mono, cur), 0));
        }
        db.flush(30_000);
        return new TickStore(db);
    }

    @Test
    void pagesGoNewestFirstWithResultsAndContinueFromTheLastTick() throws Exception {
        try (Database db = Database.open(dir)) {
            TickStore store = seed(db);
            List<TickStore.Entry> first = store.page(TickStore.Query.newest(20));
            assertThat(first).extracting(e -> e.record().tick()).startsWith(50L, 49L).hasSize(20);
            assertThat(first.get(0).results().get("monologue")).isEqualTo("{\"text\":\"thought 50\"}");
            List<Long> all = new ArrayList<>();
            TickStore.Query q = TickStore.Query.newest(20);
            for (List<TickStore.Entry> page = store.page(q); !page.isEmpty();
                 page = store.page(q.before(page.get(page.size() - 1).record().tick()))) {
                page.forEach(e -> all.add(e.record().tick()));
            }
            assertThat(all).hasSize(50).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        }
    }

    @Test
    void filtersByTimeModeStepOutcomeAndCause() throws Exception {
        try (Database db = Database.open(dir)) {
            TickStore store = seed(db);
            assertThat(store.page(new TickStore.Query(null, T0.plusSeconds(60 * 41), T0.plusSeconds(60 * 45), null, null,
                    null, null, 100))).extracting(e -> e.record().tick()).containsExactly(44L, 43L, 42L, 41L);
            assertThat(store.page(new TickStore.Query(null, null, null, SystemMode.DEGRADED, null, null, null, 100)))
                    .hasSize(10);
            assertThat(store.page(new TickStore.Query(null, null, null, null, "curiosity", "FALLBACK", "timeout", 3)))
                    .extracting(e -> e.record().tick()).containsExactly(50L, 45L, 40L);
            assertThat(store.page(new TickStore.Query(null, null, null, null, "monologue", "FALLBACK", null, 3))).isEmpty();
        }
    }
}
