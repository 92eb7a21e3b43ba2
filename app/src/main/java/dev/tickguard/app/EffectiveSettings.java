package dev.tickguard.app;

import dev.tickguard.app.ui.AppInfo;
import dev.tickguard.config.ConfigKeys;
import dev.tickguard.config.TickguardConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effective configuration as rows for the dashboard's Settings tab, each under its config.yaml
 * key ({@link ConfigKeys}) and with where its value came from: {@code command line} if an option
 * changed it, else {@code config.yaml} if the file's value differs from the built-in default, else
 * {@code default}.
 */
final class EffectiveSettings {
    private EffectiveSettings() {
    }

    /**
     * @param fromFile the configuration as read (defaults if there is no file)
     * @param effective the same after the command line's overrides
     */
    static List<AppInfo.Setting> of(TickguardConfig fromFile, TickguardConfig effective) {
        Map<String, String> defaults = ConfigKeys.flatten(TickguardConfig.defaults());
        Map<String, String> file = ConfigKeys.flatten(fromFile);
        List<AppInfo.Setting> out = new ArrayList<>();
        for (Map.Entry<String, String> e : ConfigKeys.flatten(effective).entrySet()) {
            String k = e.getKey();
            String source = !Objects.equals(e.getValue(), file.get(k)) ? "command line"
                    : !Objects.equals(e.getValue(), defaults.get(k)) ? "config.yaml" : "default";
            out.add(new AppInfo.Setting(k, e.getValue(), source));
        }
        return out;
    }
}
