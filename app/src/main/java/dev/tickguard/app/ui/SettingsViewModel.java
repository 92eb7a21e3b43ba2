package dev.tickguard.app.ui;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The effective configuration, read-only, each value with where it came from. FX thread only. */
public final class SettingsViewModel {
    private final ObservableList<AppInfo.Setting> settings;

    public SettingsViewModel(AppInfo app) {
        settings = FXCollections.observableArrayList(app.settings());
    }

    public ObservableList<AppInfo.Setting> settings() {
        return settings;
    }
}
