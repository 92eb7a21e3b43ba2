package dev.tickguard.app.ui;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The window's first frame, shown at once while the runtime (database, plugins, engine) is created
 * on another thread (issue 18 "no blank window", issue 19 "the first frame does not wait for the
 * database"): the dashboard's header with a STARTING badge, its tab row, and what is being done, in
 * the saved theme, size and place. Built in code, not FXML, and kept small, so it paints within a
 * few frames of the toolkit starting; {@link DashboardWindow#open} then replaces it in the same stage.
 * FX thread only.
 */
public final class StartingView {
    /** The bottom tabs' titles, as the dashboard has them (a starting frame that looks like what follows). */
    static final List<String> TABS = List.of("Ollama latency (Ctrl+1)", "Steps and plugins (Ctrl+2)",
            "Chaos (Ctrl+3)", "Log (Ctrl+4)", "Settings (Ctrl+5)", "History (Ctrl+6)", "Workers (Ctrl+7)");
    private final Label badge = new Label("STARTING");
    private final Label doing = new Label();

    private StartingView() {
    }

    /** The window's title, the same for the starting frame and the dashboard. */
    static String title(boolean simulated) {
        return "Tickguard" + (simulated ? " (Ollama simulator)" : "");
    }

    /**
     * Shows the starting frame in {@code stage}.
     *
     * @param dataDir where the window's saved size, place and theme are (and the database being opened)
     * @param simulated whether Ollama is the simulator (the title says so, as the dashboard's does)
     */
    public static void show(Stage stage, Path dataDir, boolean simulated) {
        StartingView v = new StartingView();
        WindowPrefs prefs = WindowPrefs.load(dataDir);
        Parent root = v.build(dataDir, prefs);
        Scene scene = new Scene(root, prefs.width(), prefs.height());
        scene.getStylesheets().add(stylesheet().toExternalForm());
        scene.setFill((prefs.dark() ? Palette.DARK : Palette.LIGHT).background());
        stage.setTitle(title(simulated));
        stage.setScene(scene);
        WindowPlacement.apply(stage, prefs);
        // CSS and layout before the window maps: its first frame is this view, never an empty one.
        root.applyCss();
        root.layout();
        stage.show();
    }

    private Parent build(Path dataDir, WindowPrefs prefs) {
        badge.getStyleClass().addAll("mode-badge", "mode-starting");
        badge.setMinWidth(110);
        badge.setId("starting-badge");
        Button runNow = new Button("Run now");
        Button pause = new Button("Pause");
        runNow.setDisable(true);
        pause.setDisable(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(10, badge, gap, runNow, pause);
        row.setAlignment(Pos.CENTER_LEFT);
        doing.setText("Opening the database in " + dataDir + " and loading the steps...");
        doing.getStyleClass().add("endpoint");
        VBox header = new VBox(4, row, doing);
        header.getStyleClass().add("header");

        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setMinHeight(120);
        for (String t : TABS) {
            tabs.getTabs().add(new Tab(t));
        }
        tabs.getSelectionModel().select(Math.max(0, Math.min(prefs.tab(), TABS.size() - 1)));
        Label wait = new Label("The dashboard appears as soon as the engine is ready.");
        wait.getStyleClass().add("muted");
        BorderPane body = new BorderPane(wait);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox center = new VBox(body, tabs);
        tabs.setPrefHeight(prefs.height() / 3);

        Label status = new Label("Starting...");
        status.setPadding(new Insets(3, 8, 3, 8));
        BorderPane root = new BorderPane(center, header, null, status, null);
        root.getStyleClass().add("dashboard");
        if (prefs.dark()) {
            root.getStyleClass().add("dark");
        }
        return root;
    }

    static URL stylesheet() {
        URL u = StartingView.class.getResource("dashboard.css");
        if (u == null) {
            throw new IllegalStateException("missing resource dashboard.css");
        }
        return u;
    }
}
