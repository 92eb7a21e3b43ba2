package dev.tickguard.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A configuration as its config.yaml keys: {@code tick.interval_sec -> 60}. The names come from the
 * records' components by one rule (camelCase becomes snake_case; a {@code Duration} is written in
 * seconds with the suffix {@code _sec}), which is the rule the records are named by, so a key has the
 * same name here, in the file and in every message. Values are written as they would be in the file.
 * Stateless and thread-safe.
 */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    /** Every setting of {@code c} by its dotted key, in the records' order ({@code source} left out: not a setting). */
    public static Map<String, String> flatten(TickguardConfig c) {
        Map<String, String> out = new LinkedHashMap<>();
        components("", c, out);
        return out;
    }

    private static void components(String prefix, Record r, Map<String, String> out) {
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            if (r instanceof TickguardConfig && rc.getName().equals("source")) {
                continue;
            }
            Object value;
            try {
                value = rc.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + prefix + rc.getName(), e);
            }
            value(prefix + snake(rc.getName()), value, out);
        }
    }

    private static void value(String key, Object v, Map<String, String> out) {
        if (v instanceof Duration d) {
            out.put(key + "_sec", seconds(d));
        } else if (v instanceof StepOverride s) {
            // A step override is sparse: only what the user changed is a setting.
            if (s.timeout() != null) {
                out.put(key + ".timeout_sec", seconds(s.timeout()));
            }
            if (s.priority() != null) {
                out.put(key + ".priority", s.priority().name());
            }
            if (s.enabled() != null) {
                out.put(key + ".enabled", s.enabled().toString());
            }
            if (!s.settings().isEmpty()) {
                out.put(key + ".settings", s.settings().toString());
            }
            if (s.runOn() != null) {
                out.put(key + ".run_on", s.runOn().name().toLowerCase(Locale.ROOT));
            }
        } else if (v instanceof MetricsSettings m) {
            out.put(key + ".port", m.enabled() ? String.valueOf(m.port()) : "off");
            out.put(key + ".host", m.host());
        } else if (v instanceof RemoteSettings r) {
            out.put(key + ".broker", r.enabled() ? withoutPassword(r.broker()) : "off");
            out.put(key + ".delivery_limit", String.valueOf(r.deliveryLimit()));
        } else if (v instanceof Record r) {
            components(key + ".", r, out);
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                value(key + "." + e.getKey(), e.getValue(), out);
            }
        } else if (v instanceof Collection<?> c) {
            out.put(key, c.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
        } else if (v instanceof PluginSettings.Trust t) {
            out.put(key, t.label());
        } else if (v instanceof Path p) {
            out.put(key, p.toString());
        } else {
            out.put(key, String.valueOf(v));
        }
    }

    /** A broker URL as shown to the user: the password is never displayed ({@code amqp://user:***@host}). */
    public static String withoutPassword(java.net.URI u) {
        String info = u.getRawUserInfo();
        if (info == null || !info.contains(":")) {
            return u.toString();
        }
        return u.toString().replace(info + "@", info.substring(0, info.indexOf(':')) + ":***@");
    }

    /** Seconds as config.yaml writes them: {@code 60}, {@code 0.1}. */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    /** {@code llmLatencyDegraded -> llm_latency_degraded}. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
