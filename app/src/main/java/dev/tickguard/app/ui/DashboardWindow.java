package dev.tickguard.app.ui;

import dev.tickguard.control.TickguardControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Builds the dashboard into a stage: loads the FXML (each view gets its view model through the
 * controller factory), restores the window's size, position, tab and theme, wires the keyboard
 * shortcuts, subscribes to the control API and starts the pump. {@link #close()} saves the window
 * settings and unsubscribes; stopping the engine is the caller's business. FX thread only.
 */
public final class DashboardWindow implements AutoCloseable {
    private static final String CSS = "dashboard.css";
    private static final int LOG_TAB = 3;
    private static final int HISTORY_TAB = 5;
    private final Stage stage;
    private final AppInfo app;
    private final DashboardViewModel vm;
    private final DashboardFeed feed;
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final FrameStats frames = new FrameStats();
    private DashboardView root;
    private TimelineView timeline;
    private LatencyView latency;
    private LogView log;
    private StatusBarExtras extras;
    /** The notifications setting as loaded: kept when notify-send is missing (the switch is then off and disabled). */
    private boolean notifyPref;
    private long extrasAt = System.nanoTime();
    private boolean closed;

    private DashboardWindow(Stage stage, TickguardControl control, AppInfo app, Consumer<Path> folderOpener) {
        this.stage = stage;
        this.app = app;
        this.vm = new DashboardViewModel(control, app, Clock.systemDefaultZone(), folderOpener);
        this.feed = new DashboardFeed(control, vm, FxPump.DEFAULT_CAPACITY);
    }

    /**
     * Opens the dashboard in {@code stage} and shows it.
     *
     * @param folderOpener opens a folder in the desktop's file manager
     */
    public static DashboardWindow open(Stage stage, TickguardControl control, AppInfo app, Consumer<Path> folderOpener) {
        DashboardWindow w = new DashboardWindow(stage, control, app, folderOpener);
        w.build();
        return w;
    }

    private void build() {
        WindowPrefs prefs = WindowPrefs.load(app.dataDir());
        Parent parent = load("Dashboard.fxml");
        notifyPref = prefs.notifications();
        extras = new StatusBarExtras(vm, stage, root.statusBar(), new DesktopNotifier(System.getenv("PATH")), notifyPref);
        javafx.scene.control.Tooltip frameTip = HeaderView.tip("");
        frameTip.setOnShowing(e -> frameTip.setText(frameTiming()));
        root.statusBar().setTooltip(frameTip);
        Scene scene = new Scene(parent, prefs.width(), prefs.height());
        scene.getStylesheets().add(resource(CSS).toExternalForm());
        dark.addListener((o, a, b) -> theme(parent, b));
        dark.set(prefs.dark());
        theme(parent, prefs.dark());
        stage.setTitle(StartingView.title(app.simulated()));
        stage.setScene(scene);
        // The same place as the starting frame it replaces (if one was shown): the window does not jump.
        WindowPlacement.apply(stage, prefs);
        int tab = Math.min(prefs.tab(), root.tabs().getTabs().size() - 1);
        root.tabs().getSelectionModel().select(tab);
        LazyTabs.install(root.tabs(), this::load, this::tabBuilt);
        root.tabs().getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (log != null) {
                log.showing(b.intValue() == LOG_TAB);
            }
        });
        // The database is read when the History tab is first shown, not at start-up.
        root.tabs().getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            vm.history().showing(b.intValue() == HISTORY_TAB);
            if (b.intValue() == HISTORY_TAB && vm.history().rows().isEmpty()) {
                vm.history().newest();
            }
        });
        if (tab == HISTORY_TAB) {
            vm.history().showing(true);
            vm.history().newest();
        }
        shortcuts(scene);
        vm.header().modeProperty().addListener((o, a, b) -> extras.refresh(true)); // the strip shows a new mode at once
        saveWhenChanged();
        feed.pump().addPulseListener(frames);
        feed.pump().every(this::untilNextClock, this::onClock); // not a Timeline, not every second: see FxPump
        feed.start();
        // No blank white window before the first frame (issue 18 item 5): the scene's own fill is the
        // theme's background, and CSS and layout are done before the window maps, so its first frame is
        // the dashboard rather than an empty one painted while they run.
        scene.setFill((prefs.dark() ? Palette.DARK : Palette.LIGHT).background());
        parent.applyCss();
        parent.layout();
        status();
        stage.show();
    }

    /**
     * Saves the window settings a moment after they change, not only on a clean close: SIGTERM, a
     * logout or kill ends the process without JavaFX's stop() (issue 18 item 6: size and theme were
     * lost). A drag or resize writes once, a second after it ends; the theme at once.
     */
    private void saveWhenChanged() {
        javafx.animation.PauseTransition soon = new javafx.animation.PauseTransition(Duration.seconds(1));
        soon.setOnFinished(e -> savePrefs());
        javafx.beans.InvalidationListener later = o -> soon.playFromStart();
        stage.xProperty().addListener(later);
        stage.yProperty().addListener(later);
        stage.widthProperty().addListener(later);
        stage.heightProperty().addListener(later);
        stage.maximizedProperty().addListener(later);
        root.tabs().getSelectionModel().selectedIndexProperty().addListener(later);
        dark.addListener(o -> savePrefs());
        extras.notifySwitch().selectedProperty().addListener(o -> savePrefs());
    }

    private void savePrefs() {
        if (!closed) {
            prefs().save(app.dataDir());
        }
    }

    /** Loads an FXML file of this package, each view given its view model by {@link #controller}. */
    private Parent load(String fxml) {
        FXMLLoader loader = new FXMLLoader(resource(fxml));
        loader.setControllerFactory(this::controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the dashboard's layout " + fxml, e);
        }
    }

    /** A bottom tab's content was just built (first shown): it takes the window's current state. */
    private void tabBuilt(int index) {
        if (index == LOG_TAB && log != null) {
            log.showing(root.tabs().getSelectionModel().getSelectedIndex() == LOG_TAB);
        }
        if (latency != null) {
            latency.palette(dark.get() ? Palette.DARK : Palette.LIGHT);
        }
    }

    private Object controller(Class<?> type) {
        if (type == DashboardView.class) {
            root = new DashboardView(vm);
            return root;
        } else if (type == HeaderView.class) {
            return new HeaderView(vm.header(), dark);
        } else if (type == BreakersView.class) {
            return new BreakersView(vm.breakers());
        } else if (type == TimelineView.class) {
            timeline = new TimelineView(vm.timeline());
            return timeline;
        } else if (type == LatencyView.class) {
            latency = new LatencyView(vm.latency());
            return latency;
        } else if (type == StepsView.class) {
            return new StepsView(vm.steps());
        } else if (type == ChaosView.class) {
            return new ChaosView(vm.chaos());
        } else if (type == LogView.class) {
            log = new LogView(vm.log());
            return log;
        } else if (type == SettingsView.class) {
            return new SettingsView(vm.settings());
        } else if (type == WorkersView.class) {
            return new WorkersView(vm.workers());
        } else if (type == HistoryView.class) {
            return new HistoryView(vm.history());
        }
        throw new IllegalArgumentException("no view model for " + type.getName());
    }

    private void theme(Parent parent, boolean on) {
        parent.getStyleClass().remove("dark");
        if (on) {
            parent.getStyleClass().add("dark");
        }
        Palette p = on ? Palette.DARK : Palette.LIGHT;
        timeline.palette(p);
        if (latency != null) {
            latency.palette(p);
        }
        extras.palette(p);
    }

    private void shortcuts(Scene scene) {
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), vm.header()::runNow);
        acc.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), vm.header()::togglePause);
        acc.put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), vm.header()::clearChaos);
        acc.put(new KeyCodeCombination(KeyCode.F1), extras::help);
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
            KeyCode.DIGIT6, KeyCode.DIGIT7};
        for (int i = 0; i < digits.length; i++) {
            int tab = i;
            acc.put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                    () -> root.tabs().getSelectionModel().select(tab));
        }
    }

    private void onClock() {
        vm.refresh();
        status();
        long now = System.nanoTime();
        if (now - extrasAt >= 5_000_000_000L) { // the time-in-mode strip: at most every 5 s
            extrasAt = now;
            extras.refresh(false);
        }
    }

    /** Until the clock's next run: when something shown changes by itself (FxPump keeps it within 50 ms..60 s). */
    private java.time.Duration untilNextClock() {
        java.time.Instant next = vm.nextClockChange();
        return next == null ? java.time.Duration.ofDays(1)
                : java.time.Duration.between(java.time.Instant.now(), next);
    }

    private void status() {
        root.status(String.format(Locale.ROOT, "%,d events shown, %,d dropped by the window (then resynced)",
                vm.events(), feed.pump().dropped()));
    }

    /**
     * The window's own frame timing, for the status line's tooltip (worked out when it shows). Not on the line
     * itself: frames are counted only while the window is busy, so an idle window kept its start-up figure
     * ("p99 207 ms apart") in view for hours, which read as a stuttering window (issue 18).
     */
    String frameTiming() {
        return String.format(Locale.ROOT, "The window's frames while busy (it draws none while idle), the last %d of "
                        + "them: p99 %.0f ms apart (16.7 ms is 60 frames a second), the window's own work p99 %.1f ms a frame.",
                Math.min(300, frames.pulses()), frames.recentPulseP99Ms(300), frames.recentWorkP99Ms(300));
    }

    /** The current window settings, as they would be saved. */
    public WindowPrefs prefs() {
        boolean max = stage.isMaximized();
        var notify = extras.notifySwitch();
        return new WindowPrefs(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), max,
                root.tabs().getSelectionModel().getSelectedIndex(), dark.get(),
                notify.isDisable() ? notifyPref : notify.isSelected());
    }

    /** Saves the window settings and stops listening; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        prefs().save(app.dataDir());
        feed.close();
    }

    public DashboardViewModel viewModel() {
        return vm;
    }

    public Stage stage() {
        return stage;
    }

    /** Events the window's pump dropped (each followed by a resync from a snapshot). */
    public long droppedEvents() {
        return feed.pump().dropped();
    }

    /** Frame and UI-work statistics since the window opened. */
    public FrameStats frames() {
        return frames;
    }

    private static URL resource(String name) {
        URL u = DashboardWindow.class.getResource(name);
        if (u == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        return u;
    }
}
