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
        Stage stage = FxToolkit.registerPrimaryStage();
        assertThat(WaitForAsyncUtils.asyncFx(PulseTimerPause::install).get()).as("why not installed").isNull();
        PulseTimerPause.PausableTimer timer = WaitForAsyncUtils.asyncFx(PulseTimerPause::current).get();
        assertThat(timer).isNotNull();
        Label label = new Label("x");
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setScene(new Scene(new StackPane(label), 300, 100));
            stage.show();
        }).get();
        Awaitility.await().atMost(WAIT).until(() -> !timer.firing());

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

        // A changed node asks for a pulse too: its new size is laid out only in a pulse.
        double before = WaitForAsyncUtils.asyncFx(label::getWidth).get();
        WaitForAsyncUtils.asyncFx(() -> label.setText("a much longer text than before")).get();
        Awaitility.await().atMost(WAIT).until(() -> WaitForAsyncUtils.asyncFx(label::getWidth).get() > before);
        Awaitility.await().atMost(WAIT).until(() -> !timer.firing());
        WaitForAsyncUtils.asyncFx(stage::hide).get();
    }
}
