package dev.tickguard.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tickguard.spi.Priority;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code config.yaml} into a {@link TickguardConfig}. Every key is optional (a missing key
 * keeps its default); an unknown key, a wrong type or an out-of-range value is refused, and all
 * problems are reported together, each with file, line and key. Nothing is half-applied: either
 * the whole file is accepted or {@link ConfigException} is thrown.
 */
public final class ConfigLoader {
    private static final Pattern STEP_ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern SHA_256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final YAMLMapper YAML = new YAMLMapper();
    /** The largest config file read: a real one is a few kB. */
    static final long MAX_BYTES = 1 << 20;
    /** What {@code steps.<id>} takes. */
    private static final List<String> STEP_KEYS = List.of("timeout_sec", "priority", "enabled", "settings", "run_on");
    /** What an {@code ollama.endpoints} entry takes. */
    private static final List<String> ENDPOINT_KEYS = List.of("name", "url", "weight", "models");
    private static final Pattern ENDPOINT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private final String fileName;
    private final String text;
    private final JsonNode root;
    private final List<Problem> problems = new ArrayList<>();

    /** One problem, and the line it is on (0 if unknown) to sort by. */
    private record Problem(int line, String text) {
    }
    private final Set<String> known = new java.util.LinkedHashSet<>();
    /** Sections already reported as not being mappings (each once). */
    private final Set<String> notMappings = new java.util.HashSet<>();

    private ConfigLoader(String fileName, String text, JsonNode root) {
        this.fileName = fileName;
        this.text = text;
        this.root = root;
    }

    /**
     * Loads a config file.
     *
     * @throws ConfigException if the file is missing, unreadable, not YAML, or has bad keys or values
     */
    public static TickguardConfig load(Path file) throws ConfigException {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(file + ": is a directory, not a config file");
            }
            // Checked before opening: a FIFO would block the start, /dev/zero would fill the heap.
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new ConfigException(file + ": is not a regular file (a device, pipe or socket), not a config file");
            }
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                throw new ConfigException(file + ": is " + Files.size(file) + " bytes; a config file is a few kB (at most "
                        + MAX_BYTES + " bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": config file not found");
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": cannot read config file: permission denied");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage());
        }
        return parse(file.toString(), utf8(file.toString(), bytes));
    }

    /** The bytes as text, or the line where they stop being UTF-8 text (a binary file, another encoding). */
    private static String utf8(String fileName, byte[] bytes) throws ConfigException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw new ConfigException(fileName + ": not UTF-8 text at line " + lineAt(bytes, in.position())
                    + " (is it a binary file?)");
        }
        d.flush(out);
        String text = out.flip().toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int line = (int) text.substring(0, nul).chars().filter(c -> c == '\n').count() + 1;
            throw new ConfigException(fileName + ": not UTF-8 text at line " + line + " (a NUL byte: is it a binary file?)");
        }
        return text;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Parses config text; {@code fileName} only labels the messages.
     *
     * @throws ConfigException on any problem
     */
    public static TickguardConfig parse(String fileName, String text) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(YamlSyntax.notYaml(fileName, e));
        }
        YamlSyntax.refuseTags(fileName, text);
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        ConfigLoader loader = new ConfigLoader(fileName, text, root);
        if (!root.isObject()) {
            throw new ConfigException(fileName + ":1: the file must be a YAML mapping of keys (like 'tick:'), not "
                    + (root.isArray() ? "a list" : "a single value (" + show(root) + ")"));
        }
        for (YamlLines.Duplicate dup : YamlLines.duplicates(text)) {
            loader.problems.add(new Problem(dup.line(), fileName + ":" + dup.line() + ": " + dup.dottedPath()
                    + ": duplicate key (first given at line " + dup.firstLine() + ")"));
        }
        TickguardConfig config = loader.read();
        if (!loader.problems.isEmpty()) {
            // One per line, in the order they appear in the file (problems without a line last).
            List<Problem> sorted = new ArrayList<>(loader.problems);
            sorted.sort(Comparator.comparingInt(p -> p.line() > 0 ? p.line() : Integer.MAX_VALUE));
            throw new ConfigException(sorted.stream().map(Problem::text).toList());
        }
        return config;
    }

    private TickguardConfig read() {
        TickguardConfig d = TickguardConfig.defaults();
        TickSettings t = d.tick();
        TickSettings tick = new TickSettings(
                seconds("tick.interval_sec", t.interval(), 0, 86_400),
                seconds("tick.limit_sec", t.limit(), 0.001, 86_400),
                seconds("tick.abandon_grace_sec", t.abandonGrace(), 0, 60));

        BudgetSettings bu = d.budgets();
        BudgetSettings budgets = new BudgetSettings(
                seconds("budgets.critical_sec", bu.critical(), 0, 86_400),
                seconds("budgets.important_sec", bu.important(), 0, 86_400),
                seconds("budgets.optional_sec", bu.optional(), 0, 86_400));

        BreakerSettings b = d.breaker();
        BreakerSettings breaker = new BreakerSettings(
                integer("breaker.failure_threshold", b.failureThreshold(), 1, 1000),
                seconds("breaker.delay_sec", b.delay(), 0.001, 86_400),
                integer("breaker.success_threshold", b.successThreshold(), 1, 1000));

        CacheSettings cache = new CacheSettings(seconds("cache.max_age_sec", d.cache().maxAge(), 0, 31_536_000));

        AdaptiveSettings a = d.adaptive();
        AdaptiveSettings adaptive = new AdaptiveSettings(
                bool("adaptive.enabled", a.enabled()),
                integer("adaptive.min_samples", a.minSamples(), 1, 100_000),
                integer("adaptive.window", a.window(), 1, 100_000),
                number("adaptive.factor", a.factor(), 1.0, 100.0),
                seconds("adaptive.min_timeout_sec", a.minTimeout(), 0.001, 86_400));
        if (adaptive.window() < adaptive.minSamples()) {
            problem("adaptive.window", "must be at least adaptive.min_samples (" + adaptive.minSamples() + "), got "
                    + adaptive.window());
        }

        HealthSettings h = d.health();
        HealthSettings health = new HealthSettings(
                seconds("health.interval_sec", h.interval(), 0.01, 86_400),
                seconds("health.llm_latency_degraded_sec", h.llmLatencyDegraded(), 0.001, 86_400),
                integer("health.heap_emergency_percent", h.heapEmergencyPercent(), 1, 100),
                integer("health.disk_min_free_mb", (int) h.diskMinFreeMb(), 0, Integer.MAX_VALUE),
                integer("health.recovery_checks", h.recoveryChecks(), 1, 1000),
                integer("health.recovery_ticks", h.recoveryTicks(), 1, 1000),
                integer("health.critical_fallback_ticks", h.criticalFallbackTicks(), 1, 1000));

        OllamaSettings o = d.ollama();
        OllamaSettings ollama = new OllamaSettings(
                url("ollama.url", o.url()),
                string("ollama.model", o.model()),
                string("ollama.embed_model", o.embedModel()),
                seconds("ollama.connect_timeout_sec", o.connectTimeout(), 0.001, 3600),
                seconds("ollama.read_timeout_sec", o.readTimeout(), 0.001, 86_400),
                integer("ollama.max_retries", o.maxRetries(), 0, 10),
                number("ollama.rate_limit_per_sec", o.rateLimitPerSec(), 0.01, 100_000),
                string("ollama.keep_alive", o.keepAlive()), ollamaEndpoints(),
                enumValue("ollama.strategy", OllamaStrategy.class, o.strategy()));

        MetricsSettings m = d.metrics();
        // The port has no default number: absent means off, so it is read only when given.
        MetricsSettings metrics = new MetricsSettings(
                present("metrics.port").isMissingNode() ? m.port() : integer("metrics.port", 0, 0, 65_535),
                string("metrics.host", m.host()));

        PluginSettings plugins = plugins(d.plugins());
        LoggingSettings logging = new LoggingSettings(enumValue("logging.level", LogLevel.class, d.logging().level()));
        Path dataDir = path("data_dir", d.dataDir());
        Path pluginsDir = path("plugins_dir", dataDir.resolve("plugins"));
        Map<String, StepOverride> steps = steps();
        PersistenceSettings ps = d.persistence();
        PersistenceSettings persistence = new PersistenceSettings(
                integer("persistence.keep_ticks", ps.keepTicks(), 0, Integer.MAX_VALUE),
                integer("persistence.keep_days", ps.keepDays(), 0, 36_500),
                seconds("persistence.resume_max_age_sec", ps.resumeMaxAge(), 0, 31_536_000),
                integer("persistence.keep_results_days", ps.keepResultsDays(), 0, 36_500));
        RemoteSettings remote = remote(d.remote());
        reportUnknownKeys(root, "");
        return new TickguardConfig(tick, budgets, breaker, cache, adaptive, health, ollama, metrics, plugins, logging,
                dataDir, pluginsDir, steps, persistence, fileName, remote);
    }

    /**
     * Every key the loader accepts, as dotted names ({@code tick.interval_sec}), in file order;
     * {@code steps.<id>.*} keys are given with the placeholder id {@code <id>}.
     */
    public static List<String> keys() {
        ConfigLoader loader = new ConfigLoader("keys", "", YAML.createObjectNode());
        loader.read();
        List<String> out = new ArrayList<>();
        for (String k : loader.known) {
            boolean section = loader.known.stream().anyMatch(o -> o.startsWith(k + "."));
            if (!section && !k.equals("steps")) {
                out.add(k);
            }
        }
        for (String k : STEP_KEYS) {
            out.add("steps.<id>." + k);
        }
        return out;
    }

    /** {@code remote.*}: the broker URL is checked for its form here; reaching it is the agent's business. */
    private RemoteSettings remote(RemoteSettings d) {
        java.net.URI broker = d.broker();
        JsonNode b = present("remote.broker");
        if (!b.isMissingNode()) {
            String s = string("remote.broker", "");
            try {
                java.net.URI u = new java.net.URI(s);
                if (!"amqp".equals(u.getScheme()) && !"amqps".equals(u.getScheme()) || u.getHost() == null) {
                    problem("remote.broker", "must be an amqp://USER:PASS@HOST:PORT/VHOST URL, got '" + s + "'");
                } else {
                    broker = u;
                }
            } catch (java.net.URISyntaxException e) {
                problem("remote.broker", "is not a URL (" + e.getReason() + "), got '" + s + "'");
            }
        }
        return new RemoteSettings(broker, integer("remote.delivery_limit", d.deliveryLimit(), 1, 1000));
    }

    private PluginSettings plugins(PluginSettings d) {
        PluginSettings.Trust trust = enumValue("plugins.trust", PluginSettings.Trust.class, d.trust());
        Set<String> approved = stringList("plugins.approved", SHA_256, "a SHA-256 digest (64 hex digits)");
        Set<String> disabled = stringList("plugins.disabled", PLUGIN_ID, "a plugin id");
        return new PluginSettings(trust, approved.stream().map(x -> x.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toSet()), disabled,
                integer("plugins.quarantine_after", d.quarantineAfter(), 1, 1000),
                seconds("plugins.hook_timeout_sec", d.hookTimeout(), 0.001, 3600));
    }

    /** {@code ollama.endpoints}: a list of {name, url, weight?, models?}; each problem names the entry. */
    private List<OllamaEndpointSettings> ollamaEndpoints() {
        String path = "ollama.endpoints";
        JsonNode n = present(path);
        List<OllamaEndpointSettings> out = new ArrayList<>();
        if (n.isMissingNode() || (n.isArray() && n.isEmpty())) {
            return out; // [] is what the Settings tab writes for "no pool": the one server at ollama.url
        }
        if (!n.isArray()) {
            problem(path, "must be a list of endpoints (like '- {name: gpu1, url: http://gpu1:11434}'), got "
                    + show(n));
            return out;
        }
        if (!node("ollama.url").isMissingNode()) {
            problem(path, "give either ollama.url (one server) or ollama.endpoints (a pool), not both");
        }
        Set<String> names = new java.util.HashSet<>();
        int i = 0;
        for (JsonNode e : n) {
            String at = path + "[" + i++ + "]";
            if (!e.isObject()) {
                problem(path, at + " must be a mapping with name and url, got " + show(e));
                continue;
            }
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!ENDPOINT_KEYS.contains(k)) {
                    problem(path, at + "." + k + ": unknown key (an endpoint takes " + String.join(", ", ENDPOINT_KEYS) + ")");
                }
            }
            JsonNode name = e.path("name");
            JsonNode url = e.path("url");
            JsonNode weight = e.path("weight");
            JsonNode models = e.path("models");
            boolean ok = true;
            if (!name.isTextual() || !ENDPOINT_NAME.matcher(name.asText()).matches()) {
                problem(path, at + ".name must be a short name (lower-case letters, digits, '_' and '-'), got "
                        + (name.isMissingNode() ? "nothing" : show(name)));
                ok = false;
            } else if (!names.add(name.asText())) {
                problem(path, at + ".name '" + name.asText() + "' is used by an earlier endpoint; names must differ");
                ok = false;
            }
            if (!url.isTextual() || !(url.asText().trim().startsWith("http://") || url.asText().trim().startsWith("https://"))) {
                problem(path, at + ".url must be an http:// or https:// URL, got "
                        + (url.isMissingNode() ? "nothing" : show(url)));
                ok = false;
            }
            int w = 1;
            if (!weight.isMissingNode()) {
                if (!weight.isIntegralNumber() || !weight.canConvertToInt() || weight.asInt() < 1 || weight.asInt() > 1000) {
                    problem(path, at + ".weight must be a whole number between 1 and 1000, got " + show(weight));
                    ok = false;
                } else {
                    w = weight.asInt();
                }
            }
            List<String> served = new ArrayList<>();
            if (!models.isMissingNode()) {
                if (!models.isArray()) {
                    problem(path, at + ".models must be a list of model names (like [llama3.2]), got " + show(models));
                    ok = false;
                } else {
                    for (JsonNode m : models) {
                        if (!m.isTextual() || m.asText().isBlank()) {
                            problem(path, at + ".models: each entry must be a model name, got " + show(m));
                            ok = false;
                        } else {
                            served.add(m.asText().trim());
                        }
                    }
                }
            }
            if (ok) {
                out.add(new OllamaEndpointSettings(name.asText(), url.asText().trim(), w, served));
            }
        }
        return out;
    }

    private Set<String> stringList(String path, Pattern item, String what) {
        JsonNode n = present(path);
        Set<String> out = new java.util.TreeSet<>();
        if (n.isMissingNode()) {
            return out;
        }
        if (!n.isArray()) {
            problem(path, "must be a list (like [a, b]), got " + show(n));
            return out;
        }
        for (JsonNode e : n) {
            if (!e.isTextual() || !item.matcher(e.asText().trim()).matches()) {
                problem(path, "each entry must be " + what + ", got " + show(e));
            } else {
                out.add(e.asText().trim());
            }
        }
        return out;
    }

    private Map<String, StepOverride> steps() {
        Map<String, StepOverride> out = new LinkedHashMap<>();
        JsonNode steps = node("steps");
        known.add("steps");
        if (steps.isMissingNode() || steps.isNull()) {
            return out;
        }
        if (!steps.isObject()) {
            problem("steps", "must be a mapping of step ids (like 'monologue:'), got " + show(steps));
            return out;
        }
        for (Iterator<String> it = steps.fieldNames(); it.hasNext(); ) {
            String id = it.next();
            String base = "steps." + id;
            known.add(base);
            if (!STEP_ID.matcher(id).matches()) {
                problem(base, "'" + id + "' is not a step id (lower-case letters, digits and '_')");
                continue;
            }
            JsonNode n = steps.get(id);
            if (!n.isObject()) {
                problem(base, "must be a mapping with timeout_sec, priority, enabled, settings or run_on, got " + show(n));
                continue;
            }
            Duration timeout = node(base + ".timeout_sec").isMissingNode() ? null
                    : seconds(base + ".timeout_sec", Duration.ZERO, 0.001, 86_400);
            Priority priority = node(base + ".priority").isMissingNode() ? null
                    : enumValue(base + ".priority", Priority.class, Priority.OPTIONAL);
            Boolean enabled = node(base + ".enabled").isMissingNode() ? null : bool(base + ".enabled", true);
            // The step validates its own settings; Tickguard only passes the tree on.
            JsonNode settings = present(base + ".settings");
            if (!settings.isMissingNode() && !settings.isObject()) {
                problem(base + ".settings", "must be a mapping of the step's own keys, got " + show(settings));
                settings = MissingNode.getInstance();
            }
            StepOverride.RunOn runOn = node(base + ".run_on").isMissingNode() ? null
                    : enumValue(base + ".run_on", StepOverride.RunOn.class, StepOverride.RunOn.LOCAL);
            out.put(id, new StepOverride(timeout, priority, enabled, settings.isObject() ? settings : null, runOn));
        }
        return out;
    }

    // ---- typed readers: each marks its key known and records a problem instead of throwing ----

    private JsonNode node(String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            n = n.isObject() ? n.path(part) : MissingNode.getInstance();
        }
        return n;
    }

    private JsonNode present(String path) {
        String[] parts = path.split("\\.");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            prefix.append(prefix.length() == 0 ? "" : ".").append(parts[i]);
            String section = prefix.toString();
            known.add(section);
            JsonNode s = node(section);
            // A section given as a plain value ("tick: 5") would otherwise hide every key under it.
            if (i < parts.length - 1 && !s.isMissingNode() && !s.isNull() && !s.isObject()
                    && notMappings.add(section)) {
                problem(section, "must be a mapping of keys indented under it (like '" + section + ":' then '  "
                        + parts[i + 1] + ": ...'), got " + show(s));
            }
        }
        JsonNode n = node(path);
        return n.isNull() ? MissingNode.getInstance() : n;
    }

    private Duration seconds(String path, Duration def, double min, double max) {
        JsonNode n = present(path);
        if (n.isMissingNode()) {
            return def;
        }
        if (!n.isNumber()) {
            problem(path, "must be a number of seconds, got " + show(n));
            return def;
        }
        double v = n.asDouble();
        if (v < min || v > max) {
            problem(path, "must be between " + fmt(min) + " and " + fmt(max) + " seconds, got " + show(n));
            return def;
        }
        return Duration.ofNanos(Math.round(v * 1e9));
    }

    private int integer(String path, int def, int min, int max) {
        JsonNode n = present(path);
        if (n.isMissingNode()) {
            return def;
        }
        if (!n.isIntegralNumber()) {
            problem(path, "must be a whole number, got " + show(n));
            return def;
        }
        if (!n.canConvertToInt()) {
            problem(path, "must be between " + min + " and " + max + ", got " + n.asText());
            return def;
        }
        int v = n.asInt();
        if (v < min || v > max) {
            problem(path, "must be between " + min + " and " + max + ", got " + v);
            return def;
        }
        return v;
    }

    private double number(String path, double def, double min, double max) {
        JsonNode n = present(path);
        if (n.isMissingNode()) {
            return def;
        }
        if (!n.isNumber()) {
            problem(path, "must be a number, got " + show(n));
            return def;
        }
        double v = n.asDouble();
        if (v < min || v > max) {
            problem(path, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + show(n));
            return def;
        }
        return v;
    }

    private boolean bool(String path, boolean def) {
        JsonNode n = present(path);
        if (n.isMissingNode()) {
            return def;
        }
        if (!n.isBoolean()) {
            problem(path, "must be true or false, got " + show(n));
            return def;
        }
        return n.asBoolean();
    }

    private String string(String path, String def) {
        JsonNode n = present(path);
        if (n.isMissingNode()) {
            return def;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problem(path, "must be a non-empty text, got " + show(n));
            return def;
        }
        return n.asText().trim();
    }

    private String url(String path, String def) {
        String s = string(path, def);
        if (!s.startsWith("http://") && !s.startsWith("https://")) {
            problem(path, "must be an http:// or https:// URL, got '" + s + "'");
            return def;
        }
        return s;
    }

    private Path path(String key, Path def) {
        JsonNode n = present(key);
        if (n.isMissingNode()) {
            return def;
        }
        String s = string(key, def.toString());
        if (s.equals("~") || s.startsWith("~/")) {
            s = System.getProperty("user.home") + s.substring(1);
        }
        try {
            return Path.of(s);
        } catch (RuntimeException e) {
            problem(key, "is not a usable path: '" + s + "'");
            return def;
        }
    }

    private <E extends Enum<E>> E enumValue(String path, Class<E> type, E def) {
        JsonNode n = present(path);
        if (n.isMissingNode()) {
            return def;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
            if (n.isTextual() && e.name().equalsIgnoreCase(n.asText().trim())) {
                return e;
            }
        }
        problem(path, "must be one of " + String.join(", ", names) + ", got " + show(n));
        return def;
    }

    private void reportUnknownKeys(JsonNode n, String prefix) {
        if (!n.isObject()) {
            return;
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            boolean stepSettings = prefix.startsWith("steps.") && prefix.endsWith(".settings");
            if (name.contains(".") && !stepSettings) {
                // "plugins.trust: pinned" at the top would otherwise match the dotted name and be ignored.
                int dot = name.indexOf('.');
                problem(path, "unknown key: YAML does not read dots as nesting; write '" + name.substring(0, dot)
                        + ":' and under it '  " + name.substring(dot + 1).replace(".", ":\n    ") + ": ...'");
            } else if (path.startsWith("steps.") && path.endsWith(".settings") && known.contains(path)) {
                continue;
            } else if (path.startsWith("steps.") && path.chars().filter(c -> c == '.').count() >= 2 && !known.contains(path)) {
                problem(path, "unknown key (a step takes " + String.join(", ", STEP_KEYS) + ")");
            } else if (!known.contains(path)) {
                problem(path, "unknown key");
            } else {
                reportUnknownKeys(n.get(name), path);
            }
        }
    }

    private void problem(String path, String message) {
        int line = YamlLines.lineOf(text, path);
        if (line == 0) {
            line = literalKeyLine(path); // a key written with dots in it: "plugins.trust: pinned"
        }
        problems.add(new Problem(line, fileName + (line > 0 ? ":" + line : "") + ": " + path + ": " + message));
    }

    /** The first line that starts (after its indentation) with {@code key:}, or 0. */
    private int literalKeyLine(String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].stripLeading();
            if (l.startsWith(key + ":") || l.startsWith("\"" + key + "\":") || l.startsWith("'" + key + "':")) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String show(JsonNode n) {
        if (n.isTextual()) {
            return "'" + n.asText() + "'";
        }
        if (n.isContainerNode()) {
            return n.isArray() ? "a list" : "a mapping";
        }
        return n.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
