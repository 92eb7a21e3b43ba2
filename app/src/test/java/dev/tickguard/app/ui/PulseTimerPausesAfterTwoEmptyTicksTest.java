package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 (idle cost): JavaFX pauses its pulse timer only after 250 ms without work, so each wake of an
 * idle window (an event, the clock) ran ~16 empty timer ticks on the FX thread before sleeping again:
 * most of the window's idle wake-ups. The pausable timer now sleeps after {@link PulseTimerPause#IDLE_TICKS}
 * empty ticks. Counted in ticks, not milliseconds, so a loaded machine cannot make it pass or fail.
 */
class PulseTimerPausesAfterTwoEmptyTicksTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void afterAnAnimationOrAChangedNodeTheTimerSleepsAfterTwoEmptyTicks() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        assertThat(WaitForAsyncUtils.asyncFx(PulseTimerPause::install).get()).as("why not installed").isNull();
        PulseTimerPause.PausableTimer timer = WaitForAsyncUtils.asyncFx(PulseTimerPause::current).get();
        Label label = new Label("x");
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setScene(new Scene(new StackPane(label), 300, 100));
            stage.show();
        }).get();
        Awaitility.await().atMost(WAIT).until(() -> !timer.firing());

        for (int round = 0; round < 3; round++) {
            long pauses = timer.pauses();
            AtomicInteger frames = new AtomicInteger();
            AnimationTimer animation = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    frames.incrementAndGet();
                }
            };
            WaitForAsyncUtils.asyncFx(animation::start).get();
            Awaitility.await().atMost(WAIT).until(() -> frames.get() >= 3);
            WaitForAsyncUtils.asyncFx(animation::stop).get();
            Awaitility.await().atMost(WAIT).until(() -> !timer.firing() && timer.pauses() > pauses);
            assertThat(timer.idleTicksAtLastPause()).as("empty ticks before the pause, after an animation")
                    .isEqualTo(PulseTimerPause.IDLE_TICKS);

            // A changed node: one pulse lays it out and paints it, then the timer sleeps again as soon.
            long before = timer.pauses();
            String text = "longer text " + round;
            WaitForAsyncUtils.asyncFx(() -> label.setText(text)).get();
            Awaitility.await().atMost(WAIT).until(() -> !timer.firing() && timer.pauses() > before);
            assertThat(WaitForAsyncUtils.asyncFx(label::getWidth).get()).as("laid out in its pulse").isGreaterThan(20);
            assertThat(timer.idleTicksAtLastPause()).as("empty ticks before the pause, after a change")
                    .isEqualTo(PulseTimerPause.IDLE_TICKS);
        }
        WaitForAsyncUtils.asyncFx(stage::hide).get();
    }
}
