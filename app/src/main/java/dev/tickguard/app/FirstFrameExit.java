package dev.tickguard.app;

import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * {@code -Dtickguard.exitAfterFirstFrame=true}: prints {@code tickguard: first frame ...} on stderr
 * once the window's first frame is on screen (the starting frame, see
 * {@link dev.tickguard.app.ui.StartingView}), then {@code tickguard: dashboard frame ...} once the
 * dashboard's first frame is, and closes the dashboard normally (exit 0). For the packaging build's
 * class-data sharing training run (which must end by itself, after the classes of a real start have
 * loaded) and for start-up measurements (src-packaging/measure-start).
 */
final class FirstFrameExit {
    static final String PROPERTY = "tickguard.exitAfterFirstFrame";
    private static final AtomicBoolean FIRST_SEEN = new AtomicBoolean();

    private FirstFrameExit() {
    }

    /**
     * Call on the FX thread once the window's scene is set and shown; does nothing unless asked.
     *
     * @param dashboard true for the dashboard's scene (its frame ends the run), false for the starting frame
     */
    static void installIfAsked(Scene scene, boolean dashboard) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        AfterFirstFrame.run(scene, () -> {
            // Whichever scene paints first is the first frame (the dashboard's, if it replaced the
            // starting frame before that was painted).
            if (FIRST_SEEN.compareAndSet(false, true)) {
                System.err.println("tickguard: first frame, " + since());
            }
            if (dashboard) {
                System.err.println("tickguard: dashboard frame, " + since());
                Platform.exit();
            }
        });
    }

    private static String since() {
        // CPU time too: on a busy machine it says more about the start-up work than wall time.
        return StartupTrace.sinceProcessStart() + " ms after the process started, " + StartupTrace.cpuMillis()
                + " ms of CPU";
    }
}
