package dev.tickguard.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts a stage where its saved {@link WindowPrefs} say, fitted to the screens present. Shared by
 * the starting frame and the dashboard, so the window does not move or resize when the dashboard
 * replaces the starting frame. FX thread only.
 */
final class WindowPlacement {
    private WindowPlacement() {
    }

    static void apply(Stage stage, WindowPrefs prefs) {
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        Screen.getScreens().stream().map(Screen::getVisualBounds).filter(b -> !b.equals(screens.get(0)))
                .forEach(screens::add);
        WindowPrefs fitted = prefs.fitTo(screens);
        // A screen smaller than the usual minimum still shows the whole window.
        stage.setMinWidth(Math.min(WindowPrefs.MIN_WIDTH, screens.get(0).getWidth()));
        stage.setMinHeight(Math.min(WindowPrefs.MIN_HEIGHT, screens.get(0).getHeight()));
        stage.setWidth(fitted.width());
        stage.setHeight(fitted.height());
        stage.setX(fitted.x());
        stage.setY(fitted.y());
        stage.setMaximized(prefs.maximized());
    }
}
