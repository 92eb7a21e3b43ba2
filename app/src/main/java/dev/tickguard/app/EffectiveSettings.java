package dev.tickguard.app;

import dev.tickguard.app.ui.AppInfo;
import dev.tickguard.config.TickguardConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The effective configuration as rows for the dashboard's Settings tab, each with where its value
 * came from: {@code command line} if an option changed it, else {@code config.yaml} if the file's
 * value differs from the built-in default, else {@code default}. The rows are read from the
 * configuration records themselves, so a new setting shows up without touching this class.
 */
final class EffectiveSettings {
    private EffectiveSettings() {
    }

    /**
     * @param fromFile the configuration as read (defaults if there is no file)
     * @param effective the same after the command line's overrides
     */
    static List<AppInfo.Setting> of(TickguardConfig fromFile, TickguardConfig effective) {
        Map<String, String> defaults = flatten(TickguardConfig.defaults());
        Map<String, String> file = flatten(fromFile);
        Map<String, String> now = flatten(effective);
        List<AppInfo.Setting> out = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            String k = e.getKey();
            String source = !Objects.equals(e.getValue(), file.get(k)) ? "command line"
                    : !Objects.equals(e.getValue(), defaults.get(k)) ? "config.yaml" : "default";
            out.add(new AppInfo.Setting(k, e.getValue(), source));
        }
        return out;
    }

    static Map<String, String> flatten(TickguardConfig c) {
        Map<String, String> out = new TreeMap<>();
        flatten("", c, out);
        return out;
    }

    private static void flatten(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Record r) {
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                if (rc.getName().equals("source")) {
                    continue; // where the settings came from, not a setting
                }
                try {
                    flatten(prefix + snake(rc.getName()) + ".", rc.getAccessor().invoke(r), out);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    out.put(prefix + snake(rc.getName()), "(unreadable: " + e + ")");
                }
            }
        } else if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.put(strip(prefix), "(none)");
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(prefix + e.getKey().toString().toLowerCase(Locale.ROOT) + ".", e.getValue(), out);
            }
        } else {
            out.put(strip(prefix), text(value));
        }
    }

    private static String strip(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static String text(Object v) {
        if (v == null) {
            return "(not set)";
        }
        if (v instanceof Duration d) {
            long ms = d.toMillis();
            return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
        }
        return v.toString();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
