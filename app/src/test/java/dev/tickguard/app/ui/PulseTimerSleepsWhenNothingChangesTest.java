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
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 (idle cost): JavaFX asks its pulse timer to pause when nothing animates or needs a repaint,
 * but on Linux (GTK) and Monocle that pause did nothing: the timer fired 60 times a second forever.
 * With {@link PulseTimerPause} it stops, and both ways JavaFX asks for pulses again still work: a
 * running animation, and a node that changed (layout and repaint).
 */
class PulseTimerSleepsWhenNothingChangesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void thePulseTimerStopsWhenIdleAndStartsAgainForAnAnimationOrAChangedNode() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage(); // starts the toolkit: before any control is made
        Label label = new Label("x");
        PulseTimerPause.PausableTimer timer = showIdle(stage, label);

        animateAndWaitForThePause(timer);

        // A changed node asks for a pulse too: its new size is laid out only in a pulse.
        double before = WaitForAsyncUtils.asyncFx(label::getWidth).get();
        WaitForAsyncUtils.asyncFx(() -> label.setText("a much longer text than before")).get();
        Awaitility.await().atMost(WAIT).until(() -> WaitForAsyncUtils.asyncFx(label::getWidth).get() > before);
        Awaitility.await().atMost(WAIT).until(() -> !timer.firing());
        WaitForAsyncUtils.asyncFx(stage::hide).get();
    }

    /**
     * JavaFX pauses its timer only after 250 ms without work, so each wake of an idle window (an event, the
     * clock) ran ~16 empty timer ticks before sleeping again: most of the window's idle wake-ups. The
     * pausable timer now sleeps after {@link PulseTimerPause#IDLE_TICKS} empty ticks. Counted in ticks,
     * not milliseconds, so a loaded machine cannot make it pass or fail (16 on the old code).
     */
    @Test
    void afterAnAnimationOrAChangedNodeTheTimerSleepsAfterTwoEmptyTicksNotJavaFxs250Ms() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage(); // starts the toolkit: before any control is made
        Label label = new Label("x");
        PulseTimerPause.PausableTimer timer = showIdle(stage, label);
        for (int round = 0; round < 3; round++) {
            animateAndWaitForThePause(timer);
            assertThat(timer.idleTicksAtLastPause()).as("empty ticks before the pause, after an animation")
                    .isEqualTo(PulseTimerPause.IDLE_TICKS);

            // A changed node: one pulse lays it out and paints it, then the timer sleeps again as soon.
            long pauses = timer.pauses();
            String text = "longer text " + round;
            WaitForAsyncUtils.asyncFx(() -> label.setText(text)).get();
            Awaitility.await().atMost(WAIT).until(() -> !timer.firing() && timer.pauses() > pauses);
            assertThat(WaitForAsyncUtils.asyncFx(label::getWidth).get()).as("laid out in its pulse").isGreaterThan(20);
            assertThat(timer.idleTicksAtLastPause()).as("empty ticks before the pause, after a change")
                    .isEqualTo(PulseTimerPause.IDLE_TICKS);
        }
        WaitForAsyncUtils.asyncFx(stage::hide).get();
    }

    /** Shows {@code label} on the primary stage with the pausable timer installed; returns once it sleeps. */
    private static PulseTimerPause.PausableTimer showIdle(Stage stage, Label label) throws Exception {
        assertThat(WaitForAsyncUtils.asyncFx(PulseTimerPause::install).get()).as("why not installed").isNull();
        PulseTimerPause.PausableTimer timer = WaitForAsyncUtils.asyncFx(PulseTimerPause::current).get();
        assertThat(timer).isNotNull();
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setScene(new Scene(new StackPane(label), 300, 100));
            stage.show();
        }).get();
        Awaitility.await().atMost(WAIT).until(() -> !timer.firing());
        return timer;
    }

    /** Runs an animation for a few frames, stops it, and waits until the timer has paused again. */
    private static void animateAndWaitForThePause(PulseTimerPause.PausableTimer timer) throws Exception {
        long pauses = timer.pauses();
        AtomicInteger frames = new AtomicInteger();
        AnimationTimer animation = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.incrementAndGet();
            }
        };
        WaitForAsyncUtils.asyncFx(animation::start).get();
        Awaitility.await().atMost(WAIT).until(() -> frames.get() >= 5);
        WaitForAsyncUtils.asyncFx(animation::stop).get();
        Awaitility.await().atMost(WAIT).until(() -> !timer.firing() && timer.pauses() > pauses);
    }
}
