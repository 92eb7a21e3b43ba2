package dev.tickguard.app.ui;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application. JavaFX creates it reflectively, so what it shows is handed over before
 * {@link Application#launch} through {@link #prepare}: a plain main class (not this one) launches
 * it, which keeps {@code java -cp ... Main} working on the class path (a main class that extends
 * Application fails there with "JavaFX runtime components are missing").
 */
public final class DashboardApp extends Application {
    private static volatile BiFunction<Stage, Consumer<Path>, Runnable> opener;
    private static volatile Runnable onExit;
    /** Closes the window (saves its settings) before {@link #onExit}. */
    private Runnable closeWindow;

    /**
     * Sets what {@link #start} opens and what {@link #stop} runs after the window is gone.
     *
     * @param open shows the window in the primary stage, given a folder opener; returns what closes it
     *     (the dashboard may be built later than {@link #start}: see {@link StartingView}), or null when it
     *     showed nothing (a SIGTERM came while the toolkit started, and it ended the toolkit instead)
     * @param exit stops the engine (closing the window stops it cleanly)
     */
    public static void prepare(BiFunction<Stage, Consumer<Path>, Runnable> open, Runnable exit) {
        opener = Objects.requireNonNull(open, "open");
        onExit = Objects.requireNonNull(exit, "exit");
    }

    @Override
    public void start(Stage stage) {
        if (opener == null) {
            throw new IllegalStateException("DashboardApp.prepare(...) was not called before launch");
        }
        closeWindow = opener.apply(stage, FolderOpener::open);
    }

    @Override
    public void stop() {
        if (closeWindow != null) {
            closeWindow.run();
        }
        if (onExit != null) {
            onExit.run();
        }
    }
}
