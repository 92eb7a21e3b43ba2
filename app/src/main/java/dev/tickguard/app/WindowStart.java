package dev.tickguard.app;

import dev.tickguard.app.ui.AppInfo;
import dev.tickguard.app.ui.DashboardWindow;
import dev.tickguard.app.ui.StartingView;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The window's side of a start that does not wait for the runtime: shows the {@link StartingView}
 * at once, and once {@link BackgroundStart} has the runtime, builds the dashboard into the same
 * stage and starts the engine. If the runtime cannot be created (or the dashboard cannot be built),
 * {@code end} closes the window; the launcher then reports why. FX thread only.
 */
final class WindowStart {
    /**
     * How long the starting frame gets to reach the screen before the dashboard is built (see
     * {@link #show}): twice what drawing it took, as the machine's speed now, within these bounds.
     */
    static final long SETTLE_MIN_MS = 200;
    static final long SETTLE_MAX_MS = 4_000;
    private final BackgroundStart start;
    private final Path dataDir;
    private final boolean simulated;
    private final Function<TickguardRuntime, AppInfo> info;
    private final Runnable end;
    private final AtomicReference<Throwable> windowFailure = new AtomicReference<>();
    private DashboardWindow window;

    /**
     * @param dataDir the data folder (the window's saved size, place and theme)
     * @param simulated whether Ollama is the simulator (the window's title says so)
     * @param info what the window shows about the created runtime
     * @param end ends the window when the start failed ({@link Platform#exit} in the application)
     */
    WindowStart(BackgroundStart start, Path dataDir, boolean simulated, Function<TickguardRuntime, AppInfo> info,
                Runnable end) {
        this.start = start;
        this.dataDir = dataDir;
        this.simulated = simulated;
        this.info = info;
        this.end = end;
    }

    /** Shows the starting frame in {@code stage}; returns what closes the window (saving its settings). */
    Runnable show(Stage stage, Consumer<Path> folderOpener) {
        StartupTrace.mark("toolkit started");
        StartingView.show(stage, dataDir, simulated);
        stage.getIcons().setAll(WindowIcons.load());
        FirstFrameExit.installIfAsked(stage.getScene(), false);
        StartupTrace.mark("starting frame built");
        long shown = System.nanoTime();
        // Only once the starting frame is on screen: building the dashboard holds the FX thread for a
        // while (seconds on a loaded machine), and a runtime ready before that frame was painted would
        // otherwise leave the window blank meanwhile. Registered on the FX thread, so the toolkit is up
        // when the outcome is handed to it.
        AfterFirstFrame.run(stage.getScene(), () -> {
            StartupTrace.mark("starting frame painted");
            start.release();
            // Drawn is not yet on screen: the window system shows the frame only after the FX thread has
            // been back in the toolkit's event loop for a while, which building the dashboard holds off
            // for seconds. Under Xvfb at load 25-30 the window stayed white through the whole build
            // after a 250 ms pause (drawing had taken 1.7 s), and showed the starting frame 1-2 s after
            // it was drawn with a 4 s one. So the pause scales with how long drawing took. It costs
            // nothing when the runtime is still being created; when it is ready first, the dashboard
            // comes up this much later.
            long drawn = (System.nanoTime() - shown) / 1_000_000;
            PauseTransition settle = new PauseTransition(Duration.millis(
                    Math.max(SETTLE_MIN_MS, Math.min(SETTLE_MAX_MS, 2 * drawn))));
            settle.setOnFinished(e -> start.whenDone(WindowStart::onFxThread, rt -> dashboard(stage, rt, folderOpener),
                    failed -> end.run()));
            settle.play();
        });
        return () -> {
            if (window != null) {
                window.close();
            }
        };
    }

    private void dashboard(Stage stage, TickguardRuntime rt, Consumer<Path> folderOpener) {
        try {
            StartupTrace.mark("building the dashboard");
            window = DashboardWindow.open(stage, rt.control, info.apply(rt), folderOpener);
            StartupTrace.mark("dashboard built");
            FirstFrameExit.installIfAsked(stage.getScene(), true);
            rt.control.start();
        } catch (RuntimeException | Error e) {
            // As when the window failed inside Application.start: one line, not a starting frame forever.
            windowFailure.set(e);
            end.run();
        }
    }

    /** Why the dashboard could not be built, or null. */
    Throwable windowFailure() {
        return windowFailure.get();
    }

    /** The dashboard, once built (null before). */
    DashboardWindow window() {
        return window;
    }

    private static void onFxThread(Runnable r) {
        try {
            Platform.runLater(r);
        } catch (IllegalStateException toolkitGone) {
            // The window was closed before the runtime was ready: nothing to show; the launcher reports a failure.
        }
    }
}
