package dev.tickguard.app.ui;

import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.StepInfo;
import dev.tickguard.events.PluginInfo;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.TickEvent;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The steps table, the plugins that failed to load, and the plugins folder. FX thread only. */
public final class StepsViewModel {
    /** One failed plugin as the list shows it. */
    public record PluginProblem(String source, String reason) {
        @Override
        public String toString() {
            return source + ": " + reason;
        }
    }

    private final ObservableList<StepInfo> steps = FXCollections.observableArrayList();
    private final ObservableList<PluginProblem> failures = FXCollections.observableArrayList();
    private final StringProperty pluginsDir = new SimpleStringProperty("");
    private final StringProperty failuresTitle = new SimpleStringProperty("Plugins that failed to load: none");
    private final Consumer<Path> opener;
    private final Path dir;

    /** @param opener opens a folder in the desktop's file manager */
    public StepsViewModel(Path pluginsDir, Consumer<Path> opener) {
        this.opener = opener;
        this.dir = pluginsDir;
        this.pluginsDir.set(dir == null ? "" : dir.toAbsolutePath().toString());
    }

    public void load(ControlSnapshot s) {
        if (!steps.equals(s.steps())) {
            steps.setAll(s.steps());
        }
        var failed = s.plugins().stream().filter(p -> StepsViewModel.isProblem(p.state()))
                .map(p -> new PluginProblem(p.source(), p.reason())).toList();
        if (!failures.equals(failed)) {
            failures.setAll(failed);
        }
        title();
    }

    public void apply(TickEvent e) {
        if (e instanceof TickEvent.PluginFailed f) {
            add(new PluginProblem(f.source(), f.reason()));
        } else if (e instanceof TickEvent.PluginStateChanged c) {
            removeSource(c.source());
            if (isProblem(c.state())) {
                add(new PluginProblem(c.source(), c.state() + ": " + c.reason()));
            }
        } else if (e instanceof TickEvent.PluginRemoved r) {
            removeSource(r.source());
        }
    }

    /** FAILED and QUARANTINED plugins are listed with their reason; DISABLED is the user's own choice. */
    static boolean isProblem(PluginState state) {
        return state == PluginState.FAILED || state == PluginState.QUARANTINED;
    }

    private void add(PluginProblem p) {
        if (!failures.contains(p)) {
            failures.add(p);
            title();
        }
    }

    private void removeSource(String source) {
        if (failures.removeIf(p -> p.source().equals(source))) {
            title();
        }
    }

    private void title() {
        failuresTitle.set("Plugins that failed to load: " + (failures.isEmpty() ? "none" : failures.size()));
    }

    /** Opens the plugins folder (creating it first, so there is something to open). */
    public void openPluginsFolder() {
        if (dir != null) {
            try {
                java.nio.file.Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                // the opener shows the problem: the folder cannot be made
            }
            opener.accept(dir);
        }
    }

    public ObservableList<StepInfo> steps() {
        return steps;
    }

    public ObservableList<PluginProblem> failures() {
        return failures;
    }

    public StringProperty pluginsDirProperty() {
        return pluginsDir;
    }

    public StringProperty failuresTitleProperty() {
        return failuresTitle;
    }
}
