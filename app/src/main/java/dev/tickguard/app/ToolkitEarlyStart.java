package dev.tickguard.app;

import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit on its own thread as soon as a start is known to open the window, so
 * it comes up while the configuration is read on {@code main} (issue 18: launch to the first frame
 * in 1.5 s; the toolkit's start was 0.8 s and the configuration's 0.3 s, one after the other, on a
 * 2-core machine). {@link javafx.application.Application#launch} then finds the toolkit up and goes
 * on from there (JavaFX allows that: a toolkit started by {@link Platform#startup} is reused). If
 * this start fails, nothing is reported here: the launch fails the same way and says why.
 */
final class ToolkitEarlyStart {
    private ToolkitEarlyStart() {
    }

    static void begin() {
        SoftwareRendering.applyBeforeToolkit(); // before Prism reads prism.order, as at the launch
        Thread t = new Thread(() -> {
            try {
                Platform.startup(() -> { });
            } catch (IllegalStateException alreadyUp) {
                // A test's toolkit, or the launch got there first: either way it is up.
            } catch (RuntimeException | Error e) {
                // Reported by the launch, which meets the same failure.
            }
        }, "tickguard-toolkit");
        t.setDaemon(true);
        t.start();
    }
}
