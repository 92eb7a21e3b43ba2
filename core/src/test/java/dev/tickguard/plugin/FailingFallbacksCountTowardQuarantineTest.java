package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Regression (issue 17.1): a plugin whose fallback threw every tick was never quarantined. */
class FailingFallbacksCountTowardQuarantineTest {
    private static final Instant NOW = Instant.EPOCH;

    private static StepRecord failed(String id) {
        return new StepRecord(id, Priority.OPTIONAL, Phase.PARALLEL, 0, 1, 1000, StepOutcome.FALLBACK, StepCause.ERROR,
                FallbackSource.DEFAULT, "boom; its fallback threw java.lang.StackOverflowError", false);
    }

    @Test
    void aFallbackThatFailsThreeRunsInARowQuarantinesItsStep() {
        List<String> reasons = new ArrayList<>();
        QuarantineWatch watch = new QuarantineWatch(3, (step, why) -> reasons.add(step + ": " + why));
        for (long tick = 1; tick <= 3; tick++) {
            watch.accept(new TickEvent.FallbackFailed(NOW, tick, "deep", FallbackSource.CUSTOM,
                    "StackOverflowError", null));
            watch.accept(new TickEvent.StepFinished(NOW, tick, failed("deep")));
        }
        assertThat(reasons).containsExactly(
                "deep: the fallback code of step 'deep' threw or hung 3 runs in a row; fix it, then re-enable the plugin");
    }

    /** Regression (own hostile pass): a run abandoned whose fallback also hung counted twice ("3 runs" after 2). */
    @Test
    void aRunThatWasAbandonedAndWhoseFallbackFailedCountsOnce() {
        List<String> reasons = new ArrayList<>();
        QuarantineWatch watch = new QuarantineWatch(3, (step, why) -> reasons.add(step));
        StepRecord abandoned = new StepRecord("deep", Priority.OPTIONAL, Phase.PARALLEL, 0, 1, 1000, StepOutcome.FAILED,
                StepCause.TIMEOUT, null, "timed out", true);
        for (long tick = 1; tick <= 2; tick++) {
            watch.accept(new TickEvent.FallbackFailed(NOW, tick, "deep", FallbackSource.CUSTOM, null, "tickguard-step-3"));
            watch.accept(new TickEvent.FallbackFailed(NOW, tick, "deep", FallbackSource.DEFAULT, null, "tickguard-step-4"));
            watch.accept(new TickEvent.StepAbandoned(NOW, tick, "deep", "tickguard-step-2", 3));
            watch.accept(new TickEvent.StepFinished(NOW, tick, abandoned));
        }
        assertThat(reasons).isEmpty();
    }

    @Test
    void aRunWhoseFallbackWorksResetsTheCount() {
        List<String> reasons = new ArrayList<>();
        QuarantineWatch watch = new QuarantineWatch(3, (step, why) -> reasons.add(step));
        for (long tick = 1; tick <= 6; tick++) {
            if (tick % 3 != 0) {
                watch.accept(new TickEvent.FallbackFailed(NOW, tick, "deep", FallbackSource.CUSTOM, "x", null));
            }
            watch.accept(new TickEvent.StepFinished(NOW, tick, failed("deep")));
        }
        assertThat(reasons).isEmpty();
    }

    /** Regression (hostile pass 2): a budget skip whose fallback answered did not break the "in a row" count. */
    @Test
    void aSkippedRunWhoseFallbackAnswersResetsTheCountToo() {
        List<String> reasons = new ArrayList<>();
        QuarantineWatch watch = new QuarantineWatch(3, (step, why) -> reasons.add(step));
        StepRecord skipped = new StepRecord("deep", Priority.OPTIONAL, Phase.PARALLEL, 0, 0, 0, StepOutcome.SKIPPED,
                StepCause.BUDGET, FallbackSource.CUSTOM, "optional budget of 3000ms spent", false);
        for (long tick = 1; tick <= 6; tick++) {
            if (tick % 3 != 0) {
                watch.accept(new TickEvent.FallbackFailed(NOW, tick, "deep", FallbackSource.CUSTOM, "x", null));
                watch.accept(new TickEvent.StepFinished(NOW, tick, failed("deep")));
            } else {
                watch.accept(new TickEvent.StepFinished(NOW, tick, skipped));
            }
        }
        assertThat(reasons).isEmpty();
    }
}
