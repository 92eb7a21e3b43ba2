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
    private static volatile BiFunction<Stage, Consumer<Path>, DashboardWindow> opener;
    private static volatile Runnable onExit;
    private DashboardWindow window;

    /**
     * Sets what {@link #start} opens and what {@link #stop} runs after the window is gone.
     *
     * @param open builds the window into the primary stage, given a folder opener
     * @param exit stops the engine (closing the window stops it cleanly)
     */
    public static void prepare(BiFunction<Stage, Consumer<Path>, DashboardWindow> open, Runnable exit) {
        opener = Objects.requireNonNull(open, "open");
        onExit = Objects.requireNonNull(exit, "exit");
    }

    @Override
    public void start(Stage stage) {
        if (opener == null) {
            throw new IllegalStateException("DashboardApp.prepare(...) was not called before launch");
        }
        window = opener.apply(stage, FolderOpener::open);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (onExit != null) {
            onExit.run();
        }
    }
}
