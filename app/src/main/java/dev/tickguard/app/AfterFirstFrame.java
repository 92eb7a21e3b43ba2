package dev.tickguard.app;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Runs something once a scene's first frame is on screen. The first pulse after {@code show()} lays
 * the scene out and hands it to the renderer, which paints off the FX thread; the next pulse starts
 * once that frame is done. So: the second pulse after this call. FX thread only.
 */
final class AfterFirstFrame {
    private AfterFirstFrame() {
    }

    static void run(Scene scene, Runnable then) {
        Runnable[] listener = new Runnable[1];
        int[] pulses = {0};
        listener[0] = () -> {
            pulses[0]++;
            if (pulses[0] == 1) {
                Platform.requestNextPulse();
            } else if (pulses[0] == 2) {
                scene.removePostLayoutPulseListener(listener[0]);
                then.run();
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }
}
