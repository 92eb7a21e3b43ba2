package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * Issue 18 (idle cost), the defect that took the first early pause back: a request for a pulse that came
 * while the timer was deciding to pause itself was lost, and the timer slept with a pulse requested
 * (FxPumpTest's clock wait timed out in CI, on Monocle, whose timer ticks on a thread of its own). The
 * interleaving is played out exactly here, with a stand-in for the platform's timer: the last look finds
 * nothing to do, then a request sets its flag and resumes the (still running) timer, a no-op, then the
 * timer pauses. It must end firing.
 */
class PulseRequestedWhileTheTimerPausesIsNotLostTest {
    /** Stand-in platform timers: each start is recorded, and stopped when its stopper runs. */
    private final List<AtomicBoolean> started = new ArrayList<>();

    @BeforeAll
    static void glass() throws Exception {
        FxToolkit.registerPrimaryStage(); // Timer.start asks Glass for its period limits
    }

    private PulseTimerPause.PausableTimer timer(BooleanSupplier busy) {
        PulseTimerPause.PausableTimer t = new PulseTimerPause.PausableTimer(() -> { }, busy, (tick, period) -> {
            AtomicBoolean on = new AtomicBoolean(true);
            started.add(on);
            return () -> on.set(false);
        });
        t.start(16);
        return t;
    }

    @Test
    void aPulseRequestedBetweenTheLastLookAndThePauseResumesTheTimer() {
        AtomicBoolean requested = new AtomicBoolean();
        int[] looks = {0};
        PulseTimerPause.PausableTimer[] holder = new PulseTimerPause.PausableTimer[1];
        PulseTimerPause.PausableTimer t = timer(() -> {
            looks[0]++;
            if (looks[0] == PulseTimerPause.IDLE_TICKS) {
                // The last look, as it returns "idle": another thread requests a pulse (flag, then resume).
                requested.set(true);
                holder[0].resume(); // finds the timer running: nothing to do
                return false;
            }
            return requested.get();
        });
        holder[0] = t;

        for (int i = 0; i < PulseTimerPause.IDLE_TICKS; i++) {
            t.afterTick();
        }

        assertThat(t.pauses()).as("it did pause").isEqualTo(1);
        assertThat(t.firing()).as("a pulse is requested: the timer must fire again").isTrue();
        assertThat(started).hasSize(2);
        assertThat(started.get(1)).isTrue();
    }

    @Test
    void withNothingRequestedItSleepsAfterTheIdleTicksAndWakesOnResume() {
        AtomicBoolean busy = new AtomicBoolean();
        PulseTimerPause.PausableTimer t = timer(busy::get);

        t.afterTick();
        assertThat(t.firing()).as("one empty tick is not enough").isTrue();
        busy.set(true);
        t.afterTick(); // work again: the count starts over
        busy.set(false);
        t.afterTick();
        assertThat(t.firing()).isTrue();
        t.afterTick();
        assertThat(t.firing()).as("asleep after " + PulseTimerPause.IDLE_TICKS + " empty ticks in a row").isFalse();
        assertThat(started.get(0)).as("the platform's timer stopped").isFalse();
        assertThat(t.idleTicksAtLastPause()).isEqualTo(PulseTimerPause.IDLE_TICKS);

        t.resume(); // what the toolkit does on a request for a pulse
        assertThat(t.firing()).isTrue();
        assertThat(started).hasSize(2);
    }
}
