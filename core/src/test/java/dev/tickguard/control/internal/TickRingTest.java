package dev.tickguard.control.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.control.Histories;
import dev.tickguard.control.TickEntry;
import dev.tickguard.events.ResultJson;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tick history is bounded in ticks and in result text, whatever a plugin returns. */
class TickRingTest {
    private static TickEntry tick(long n, int chars) {
        TickRecord r = new TickRecord(n, Instant.EPOCH, 1, SystemMode.NORMAL, false, null, null, TickCounts.none(),
                Map.of(), List.of(), 0);
        return new TickEntry(n, r, Map.of("big", ResultJson.of("x".repeat(chars))));
    }

    @Test
    void keepsTheLastThousandTicks() {
        TickRing ring = new TickRing();
        for (int i = 1; i <= Histories.TICKS + 5; i++) {
            ring.add(tick(i, 10));
        }
        assertThat(ring.list()).hasSize(Histories.TICKS);
        assertThat(ring.list().get(0).record().tick()).isEqualTo(6);
        assertThat(ring.chars()).isEqualTo(10L * Histories.TICKS);
    }

    @Test
    void theOldestTicksLoseTheirResultsWhenTheTotalIsReached() {
        TickRing ring = new TickRing(100);
        for (int i = 1; i <= 5; i++) {
            ring.add(tick(i, 30));
        }
        List<TickEntry> kept = ring.list();
        assertThat(kept).hasSize(5);
        assertThat(ring.chars()).isLessThanOrEqualTo(100);
        assertThat(kept.get(0).results()).isEmpty();
        assertThat(kept.get(1).results()).isEmpty();
        assertThat(kept.get(4).results()).containsKey("big");
        assertThat(kept.get(0).record().tick()).isEqualTo(1);
    }
}
