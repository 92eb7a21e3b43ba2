package dev.tickguard.app.ui;

import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.StepInfo;
import dev.tickguard.events.PluginInfo;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.StepRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The steps table, the plugins that failed to load, and the plugins folder. FX thread only. */
public final class StepsViewModel {
    /** One failed plugin as the list shows it. */
    public record PluginProblem(String source, String reason, boolean quarantined) {
        /**
         * The file named once (issue 18 item 6: "x.jar: x.jar: ..."), its state in words, never an enum
         * name: {@code source: reason}, or {@code source: quarantined: reason}.
         */
        static PluginProblem of(String source, PluginState state, String reason) {
            String r = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
            for (String name : new String[] {source, fileName(source)}) {
                if (r.startsWith(name + ": ")) {
                    r = r.substring(name.length() + 2);
                }
            }
            return new PluginProblem(source, r, state == PluginState.QUARANTINED);
        }

        private static String fileName(String source) {
            return source.substring(source.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            String state = quarantined ? "quarantined: " : "";
            // A reason that starts with the file already names it ("x.jar is not a zip file").
            return reason.startsWith(source) || reason.startsWith(fileName(source) + " ") ? state + reason
                    : source + ": " + state + reason;
        }
    }

    private final ObservableList<StepInfo> steps = FXCollections.observableArrayList();
    private final ObservableList<PluginProblem> failures = FXCollections.observableArrayList();
    private final StringProperty pluginsDir = new SimpleStringProperty("");
    private final StringProperty failuresTitle = new SimpleStringProperty("Plugins that failed to load: none");
    private final StringProperty openProblem = new SimpleStringProperty("");
    private final Consumer<Path> opener;
    private final Path dir;
    /** The steps as the control API lists them, last read. */
    private List<StepInfo> latest = List.of();
    /** Each step's timeout in the last tick it ran in. */
    private final Map<String, Long> usedMs = new HashMap<>();

    /** @param opener opens a folder in the desktop's file manager */
    public StepsViewModel(Path pluginsDir, Consumer<Path> opener) {
        this.opener = opener;
        this.dir = pluginsDir;
        this.pluginsDir.set(dir == null ? "" : dir.toAbsolutePath().toString());
    }

    public void load(ControlSnapshot s) {
        latest = s.steps();
        showSteps();
        var failed = s.plugins().stream().filter(p -> StepsViewModel.isProblem(p.state()))
                .map(p -> PluginProblem.of(p.source(), p.state(), p.reason())).toList();
        if (!failures.equals(failed)) {
            failures.setAll(failed);
        }
        title();
    }

    /**
     * The table's "Used" column is the timeout the engine gave each step in the last tick (issue 18 item 6:
     * it showed the configured 10 s where the engine used an adaptive 3 s); before a step ran, the
     * adaptive one it would get now.
     */
    private void showSteps() {
        List<StepInfo> shown = new ArrayList<>(latest.size());
        for (StepInfo i : latest) {
            Long used = usedMs.get(i.id());
            shown.add(used == null ? i : new StepInfo(i.id(), i.priority(), i.phase(), i.order(), i.configuredTimeout(),
                    Duration.ofMillis(used), i.lastTickMs(), i.source(), i.enabled(), i.breaker()));
        }
        if (!steps.equals(shown)) {
            steps.setAll(shown);
        }
    }

    public void apply(TickEvent e) {
        if (e instanceof TickEvent.TickFinished f) {
            for (StepRecord r : f.record().steps()) {
                if (r.timeoutMs() > 0) {
                    usedMs.put(r.id(), r.timeoutMs());
                }
            }
            showSteps();
        } else if (e instanceof TickEvent.PluginFailed f) {
            add(PluginProblem.of(f.source(), PluginState.FAILED, f.reason()));
        } else if (e instanceof TickEvent.PluginStateChanged c) {
            removeSource(c.source());
            if (isProblem(c.state())) {
                add(PluginProblem.of(c.source(), c.state(), c.reason()));
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

    /**
     * Opens the plugins folder (creating it first, so there is something to open). If this desktop
     * cannot, says why and offers the path to copy instead.
     */
    public void openPluginsFolder() {
        if (dir == null) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(dir);
            opener.accept(dir);
            openProblem.set("");
        } catch (java.io.IOException e) {
            openProblem.set("Cannot create the folder: " + e.getMessage());
        } catch (RuntimeException e) {
            openProblem.set("Cannot open it here: " + e.getMessage() + ". Copy its path instead.");
        }
    }

    /** Why the folder could not be opened, or "" (shown with a "Copy path" button). */
    public StringProperty openProblemProperty() {
        return openProblem;
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
