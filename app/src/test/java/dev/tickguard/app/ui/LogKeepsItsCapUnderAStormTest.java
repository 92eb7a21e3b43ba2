package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 (event storm): the log list must not grow without bound. Under a storm of step events, in
 * batches as the pump delivers them, it keeps exactly its {@link LogViewModel#CAPACITY} newest lines, and a
 * batch larger than the cap keeps that batch's newest.
 */
class LogKeepsItsCapUnderAStormTest {
    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");

    @Test
    void aStormOfStepEventsKeepsTheNewestCapacityLines() {
        LogViewModel log = new LogViewModel();
        long tick = 0;
        for (int batch = 0; batch < 30; batch++) {
            int size = batch == 20 ? LogViewModel.CAPACITY + 700 : 400; // one batch alone larger than the cap
            for (int i = 0; i < size; i++) {
                tick++;
                log.apply(new TickEvent.StepFinished(T0, tick, new StepRecord("action", Priority.CRITICAL,
                        Phase.SEQUENTIAL, 0, 2, 20, StepOutcome.SUCCESS, null, null, null, false)));
            }
            log.endBatch();
            assertThat(log.lines().size()).isLessThanOrEqualTo(LogViewModel.CAPACITY);
        }
        assertThat(log.lines()).hasSize(LogViewModel.CAPACITY);
        assertThat(log.lines().get(log.lines().size() - 1).text()).contains("#" + tick + "]");
        assertThat(log.lines().get(0).text()).contains("#" + (tick - LogViewModel.CAPACITY + 1) + "]");
        assertThat(log.shown()).hasSize(LogViewModel.CAPACITY);
    }
}
