package dev.tickguard.app;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.LogLevel;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.PluginInfo;
import dev.tickguard.plugin.PluginRegistry;
import dev.tickguard.plugin.StepDiscovery;
import dev.tickguard.remote.RemoteNames;
import dev.tickguard.remote.StepWorker;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Step;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickguard worker}: a headless process that runs remote steps (built-in and plugin JARs, the
 * same {@code Step} SPI) for every agent on the broker, until it is stopped (Ctrl+C, SIGTERM; a
 * {@code kill -9} loses nothing: the broker hands its unfinished steps to another worker).
 */
@Command(name = "worker", sortOptions = false, usageHelpWidth = 110,
        description = "Runs remote steps (steps.<id>.run_on: remote) for the agents on a RabbitMQ broker.")
final class WorkerCommand implements Subcommand {
    private static final Logger LOG = Logger.getLogger("tickguard");

    @Option(names = "--broker", paramLabel = "URL", required = true,
            description = "the broker: amqp://USER:PASS@HOST:5672/VHOST (no path: the default vhost)")
    String broker;

    @Option(names = "--steps", paramLabel = "ID,...", split = ",",
            description = "serve only these steps (default: every built-in and plugin step)")
    List<String> steps = new ArrayList<>();

    @Option(names = "--plugins", paramLabel = "DIR", description = "also load the step plugin JARs in DIR")
    Path plugins;

    @Option(names = "--ollama", paramLabel = "URL",
            description = "this worker's Ollama server (default http://localhost:11434)")
    String ollama;

    @Option(names = "--simulator", description = "use the built-in Ollama simulator instead of a real Ollama")
    boolean simulator;

    @Option(names = "--concurrency", paramLabel = "N", description = "steps run at once (default 1)")
    String concurrency;

    @Option(names = "--name", paramLabel = "NAME",
            description = "the worker's name on the broker (default <host>-<pid>; unique per broker)")
    String name;

    @Option(names = "--data", paramLabel = "DIR",
            description = "the worker's folder: step sandboxes by agent (default ~/.tickguard-worker)")
    Path data;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "ERROR, WARN, INFO, DEBUG or TRACE")
    String logLevel;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    /** The checked options. */
    record Options(URI broker, List<String> steps, Path plugins, String ollama, boolean simulator, int concurrency,
                   String name, Path data, LogLevel logLevel) {
    }

    Options options() throws UsageException {
        URI uri;
        try {
            uri = new URI(broker);
        } catch (java.net.URISyntaxException e) {
            throw new UsageException("--broker: '" + broker + "' is not a URL (" + e.getReason() + ")");
        }
        if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new UsageException("--broker: '" + broker + "' is not an amqp://USER:PASS@HOST:PORT/VHOST URL");
        }
        if (simulator && ollama != null) {
            throw new UsageException("--simulator and --ollama exclude each other: give one");
        }
        for (String s : steps) {
            if (!s.matches("[a-z][a-z0-9_]*")) {
                throw new UsageException("--steps: '" + s + "' is not a step id (lower-case letters, digits and '_')");
            }
        }
        int n = concurrency == null ? 1 : (int) OptionValues.positiveLong("--concurrency", concurrency);
        if (n > 256) {
            throw new UsageException("--concurrency: at most 256, got " + n);
        }
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new UsageException("--name: '" + name + "' must be letters, digits, '.', '_' or '-' (at most 64)");
        }
        LogLevel level = LogLevel.INFO;
        if (logLevel != null) {
            try {
                level = LogLevel.valueOf(logLevel.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--log-level: '" + logLevel + "' is not one of ERROR, WARN, INFO, DEBUG, TRACE");
            }
        }
        String n2 = name != null ? name : host() + "-" + ProcessHandle.current().pid();
        Path d = data != null ? data : Path.of(System.getProperty("user.home"), ".tickguard-worker");
        return new Options(uri, List.copyOf(steps), plugins,
                ollama == null ? null : OptionValues.httpUrl("--ollama", ollama), simulator, n, n2, d, level);
    }

    @Override
    public int run(InputStream in, PrintStream out, PrintStream err) throws UsageException, InterruptedException {
        Options o = options();
        ConsoleLogging.install(o.logLevel(), out);
        TickguardConfig config = TickguardConfig.defaults().withDataDir(o.data())
                .withPluginsDir(o.plugins() != null ? o.plugins() : o.data().resolve("plugins"));
        if (o.ollama() != null) {
            config = config.with(config.ollama().withUrl(o.ollama()));
        }
        TimeSource time = TimeSource.system();
        EventBus bus = new EventBus();
        BreakerRegistry breakers = new BreakerRegistry(config.breaker(), bus, time);
        RunOptions llmOptions = new RunOptions(true, false, null, null, null, o.data(), o.plugins(), o.logLevel(),
                List.of(), o.simulator(), o.ollama(), null, null, false, o.simulator() ? 1 : 0,
                o.ollama() == null ? List.of() : List.of(o.ollama()));
        LlmSetup llm;
        try {
            llm = LlmSetup.create(config, llmOptions, bus, breakers, time);
        } catch (IOException e) {
            throw new UsageException("cannot start the LLM client: " + e.getMessage());
        }
        List<TickEngine.Discovered> builtIn = new StepDiscovery(bus, time).builtIn();
        PluginRegistry registry = o.plugins() != null ? new PluginRegistry(config, bus, time, builtIn) : null;
        List<TickEngine.Discovered> found = registry != null ? registry.start() : builtIn;
        Map<String, Step> served = new LinkedHashMap<>();
        for (TickEngine.Discovered d : found) {
            String id;
            try {
                id = d.step().id();
            } catch (RuntimeException | LinkageError e) {
                continue; // the registry has reported it
            }
            if (o.steps().isEmpty() || o.steps().contains(id)) {
                served.putIfAbsent(id, d.step());
            }
        }
        TreeSet<String> missing = new TreeSet<>(o.steps());
        missing.removeAll(served.keySet());
        if (!missing.isEmpty()) {
            close(registry, llm, bus);
            throw new UsageException("--steps: no step " + String.join(", ", missing) + " here (built-in"
                    + (o.plugins() != null ? " or in " + o.plugins() : "") + ")");
        }
        Map<String, String> versions = new TreeMap<>();
        versions.put(StepDiscovery.BUILT_IN, Version.get());
        Map<String, String> pluginOfStep = new TreeMap<>(); // each reply names the plugin version that ran
        if (registry != null) {
            for (PluginInfo p : registry.list()) {
                versions.put(p.id(), p.version());
                if (!StepDiscovery.BUILT_IN.equals(p.source()) && p.state() == dev.tickguard.events.PluginState.LOADED) {
                    p.stepIds().forEach(id -> pluginOfStep.putIfAbsent(id, p.id() + " " + p.version()));
                }
            }
        }
        StepWorker worker = new StepWorker(new StepWorker.Options(o.broker(), o.name(), RemoteNames.DEFAULT_POOL,
                o.concurrency(), Duration.ofSeconds(5), o.data(), Version.get(), versions), served, pluginOfStep,
                llm.llm());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            worker.close();
            close(registry, llm, bus);
            stopped.countDown();
        }, "tickguard-worker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.info("[Worker] " + o.name() + ": " + served.size() + " step(s), " + o.concurrency() + " at once, "
                + llm.describe() + "; Ctrl+C stops it");
        worker.start();
        stopped.await();
        return 0;
    }

    private static void close(PluginRegistry registry, LlmSetup llm, EventBus bus) {
        if (registry != null) {
            registry.close();
        }
        llm.close();
        bus.close();
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "worker";
        }
    }
}
