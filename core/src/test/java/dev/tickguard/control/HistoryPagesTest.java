package dev.tickguard.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.ControlFixture.TestStep;
import dev.tickguard.events.StepOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, history: the control API pages through every retained tick, newest first, with each
 * step's result, after a restart too, filtered by outcome and step.
 */
class HistoryPagesTest {
    @TempDir
    Path dir;

    @Test
    void pagesGoBackThroughEveryTickWithResultsAfterARestart() throws Exception {
        try (ControlFixture first = new ControlFixture(dir, Duration.ZERO, TestStep.seq("a", 1))) {
            first.control.addChaos(Chaos.parse("fail:a,every=2"));
            for (int i = 0; i < 7; i++) {
                first.engine.runTick();
            }
        }
        try (ControlFixture second = new ControlFixture(dir, Duration.ZERO, TestStep.seq("a", 1))) {
            List<TickEntry> page = second.control.history(TickQuery.newest(3));
            assertThat(page).extracting(e -> e.record().tick()).containsExactly(7L, 6L, 5L);
            TickEntry ok = page.stream().filter(e -> e.record().steps().get(0).outcome() == StepOutcome.SUCCESS)
                    .findFirst().orElseThrow();
            assertThat(ok.results().get("a").text()).contains("\"step\":\"a\"");
            assertThat(second.control.history(TickQuery.newest(3).before(5))).extracting(e -> e.record().tick())
                    .containsExactly(4L, 3L, 2L);
            List<TickEntry> fellBack = second.control.history(new TickQuery(null, null, null, null, "a",
                    StepOutcome.FALLBACK, null, 100));
            assertThat(fellBack).isNotEmpty().allSatisfy(e ->
                    assertThat(e.record().steps().get(0).outcome()).isEqualTo(StepOutcome.FALLBACK));
            assertThat(fellBack.size() + second.control.history(new TickQuery(null, null, null, null, "a",
                    StepOutcome.SUCCESS, null, 100)).size()).isEqualTo(7);
        }
    }
}
