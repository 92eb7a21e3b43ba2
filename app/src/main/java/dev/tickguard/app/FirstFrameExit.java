package dev.tickguard.app;

import java.time.Duration;
import java.time.Instant;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * {@code -Dtickguard.exitAfterFirstFrame=true}: once the dashboard's first frame is on screen, print
 * {@code tickguard: first frame ...} on stderr and close the dashboard normally (exit 0). For the
 * packaging build's class-data-sharing training run (which must end by itself, after the classes
 * of a real start have loaded) and for start-up measurements (src-packaging/measure-start).
 */
final class FirstFrameExit {
    static final String PROPERTY = "tickguard.exitAfterFirstFrame";

    private FirstFrameExit() {
    }

    /** Call on the FX thread once the window's scene is set and shown; does nothing unless asked. */
    static void installIfAsked(Scene scene) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        // The first pulse after show() lays the scene out and hands it to the renderer, which paints
        // off the FX thread; the next pulse starts once that frame is done. So: ask for one more.
        Runnable[] listener = new Runnable[1];
        int[] pulses = {0};
        listener[0] = () -> {
            pulses[0]++;
            if (pulses[0] == 1) {
                Platform.requestNextPulse();
            } else if (pulses[0] == 2) {
                scene.removePostLayoutPulseListener(listener[0]);
                ProcessHandle.Info self = ProcessHandle.current().info();
                long sinceStart = self.startInstant().map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
                // CPU time too: on a busy machine it says more about the start-up work than wall time.
                long cpu = self.totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                System.err.println("tickguard: first frame, " + sinceStart + " ms after the process started, "
                        + cpu + " ms of CPU");
                Platform.exit();
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }
}
