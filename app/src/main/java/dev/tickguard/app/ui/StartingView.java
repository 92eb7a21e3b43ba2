package dev.tickguard.app.ui;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;

/**
 * The window's first frame, shown at once while the runtime (database, plugins, engine) is created
 * on another thread (issue 18 "no blank window", issue 19 "the first frame does not wait for the
 * database"): the dashboard's header with a STARTING badge, its tab row, and what is being done, in
 * the saved theme, size and place; {@link DashboardWindow#open} then replaces it in the same stage.
 *
 * <p>Drawn with shapes and text only, no controls: the first control a JavaFX program makes loads
 * and parses the Modena stylesheet and skins it, which took about a third of a second of the
 * starting frame's time on the FX thread (issue 18 aims at 1.5 s from launch to the first frame).
 * The dashboard pays that cost later, behind this frame. dashboard.css styles both, so the frame
 * looks like the dashboard that follows. FX thread only.
 */
public final class StartingView {
    /** The bottom tabs' titles, as the dashboard has them (a starting frame that looks like what follows). */
    static final List<String> TABS = List.of("Latency (Ctrl+1)", "Steps & plugins (Ctrl+2)",
            "Chaos (Ctrl+3)", "Log (Ctrl+4)", "Settings (Ctrl+5)", "History (Ctrl+6)", "Workers (Ctrl+7)");

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
        WindowPrefs prefs = WindowPrefs.load(dataDir);
        Parent root = build(dataDir, prefs);
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

    /** The text the badge shows, or null when {@code scene} is not a starting frame (tests). */
    public static String badge(Scene scene) {
        return scene.lookup("#starting-badge") instanceof StackPane badge && badge.getChildren().get(0) instanceof Text t
                ? t.getText() : null;
    }

    private static Parent build(Path dataDir, WindowPrefs prefs) {
        StackPane badge = chip("STARTING", "mode-badge", "mode-starting");
        badge.setId("starting-badge");
        badge.setMinWidth(110);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(10, badge, gap, chip("Run now", "starting-button"), chip("Pause", "starting-button"));
        row.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, row, text("Opening the database in " + dataDir + " and loading the steps...",
                "starting-muted"));
        header.getStyleClass().add("header");

        HBox tabRow = new HBox(2);
        tabRow.getStyleClass().add("starting-tabs");
        int selected = Math.max(0, Math.min(prefs.tab(), TABS.size() - 1));
        for (int i = 0; i < TABS.size(); i++) {
            tabRow.getChildren().add(i == selected ? chip(TABS.get(i), "starting-tab", "starting-tab-selected")
                    : chip(TABS.get(i), "starting-tab"));
        }
        Region tabBody = new Region();
        tabBody.getStyleClass().add("starting-tab-body");
        VBox.setVgrow(tabBody, Priority.ALWAYS);
        VBox tabs = new VBox(tabRow, tabBody);
        tabs.setPrefHeight(prefs.height() / 3);
        tabs.setMinHeight(120);
        StackPane body = new StackPane(text("The dashboard appears as soon as the engine is ready.", "starting-muted"));
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox center = new VBox(body, tabs);

        StackPane status = new StackPane(text("Starting...", "starting-text"));
        status.setAlignment(Pos.CENTER_LEFT);
        status.setPadding(new Insets(3, 8, 3, 8));
        BorderPane root = new BorderPane(center, header, null, status, null);
        root.getStyleClass().add("dashboard");
        if (prefs.dark()) {
            root.getStyleClass().add("dark");
        }
        return root;
    }

    /** Text in a box: a badge, a (disabled) button or a tab header, by its style classes. */
    private static StackPane chip(String words, String... styleClasses) {
        StackPane p = new StackPane(text(words, styleClasses[0] + "-text"));
        p.getStyleClass().addAll(styleClasses);
        return p;
    }

    private static Text text(String words, String styleClass) {
        Text t = new Text(words);
        t.getStyleClass().add(styleClass);
        return t;
    }

    static URL stylesheet() {
        URL u = StartingView.class.getResource("dashboard.css");
        if (u == null) {
            throw new IllegalStateException("missing resource dashboard.css");
        }
        return u;
    }
}
