package dev.tickguard.app;

import dev.tickguard.app.metrics.PrometheusEndpoint;
import dev.tickguard.config.ConfigException;
import dev.tickguard.config.ConfigLoader;
import dev.tickguard.config.LoggingSettings;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.control.internal.ControlModel;
import dev.tickguard.control.internal.EngineControl;
import dev.tickguard.control.internal.OllamaSummary;
import dev.tickguard.control.internal.RunSummary;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.engine.TickEngineBuilder;
import dev.tickguard.bus.EventBus;
import dev.tickguard.persist.TickJournal;
import dev.tickguard.bus.TickLog;
import dev.tickguard.plugin.PluginRegistry;
import dev.tickguard.memory.DbMemory;
import dev.tickguard.persist.Database;
import dev.tickguard.persist.DataFolder;
import dev.tickguard.persist.DataFolderException;
import dev.tickguard.persist.DataFolderLock;
import dev.tickguard.plugin.StepDiscovery;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything a running Tickguard is made of, wired from the command line and the configuration:
 * the bus with its log and journal listeners, the LLM, the steps, the engine, and the
 * control API over them. Front ends (the headless runner's commands, the metrics endpoint, the
 * dashboard) use only {@link #control}. Closing it stops the engine and flushes the journal.
 */
final class TickguardRuntime implements AutoCloseable {
    final TickguardConfig config;
    final EventBus bus;
    final TickJournal journal;
    final LlmSetup llm;
    final TickEngine engine;
    final PluginRegistry plugins;
    private final DataFolderLock lock;
    /** The data folder's database: ticks, step runs, cache, memory. */
    final Database db;
    /** The only thing front ends use. */
    final TickguardControl control;
    /** The Prometheus endpoint, or null when off. */
    private PrometheusEndpoint metrics;
    /** The run's closing line, logged once the bus has delivered the last events (null in a partial start). */
    private RunSummary summary;

    private TickguardRuntime(TickguardConfig config, EventBus bus, TickJournal journal,
                             LlmSetup llm, TickEngine engine, PluginRegistry plugins, DataFolderLock lock,
                             TickguardControl control, Database db) {
        this.db = db;
        this.plugins = plugins;
        this.config = config;
        this.bus = bus;
        this.journal = journal;
        this.llm = llm;
        this.engine = engine;
        this.lock = lock;
        this.control = control;
    }

    /** Reads the configuration the command line points at and applies the command line's overrides. */
    static TickguardConfig configFrom(RunOptions cli) throws UsageException {
        return withCommandLine(fileConfig(cli), cli);
    }

    /** The configuration the command line points at (or the defaults), before the command line's overrides. */
    static TickguardConfig fileConfig(RunOptions cli) throws UsageException {
        TickguardConfig config;
        try {
            if (cli.config() != null) {
                config = ConfigLoader.load(cli.config());
            } else {
                Path dataDir = cli.data() != null ? cli.data() : TickguardConfig.defaultDataDir();
                Path implicit = dataDir.resolve("config.yaml");
                config = Files.exists(implicit) ? ConfigLoader.load(implicit) : TickguardConfig.defaults();
            }
        } catch (ConfigException e) {
            throw new UsageException(String.join("\n", e.problems()));
        }
        return config;
    }

    /** Applies the command line's overrides to a configuration. */
    static TickguardConfig withCommandLine(TickguardConfig config, RunOptions cli) {
        if (cli.data() != null) {
            config = config.withDataDir(cli.data());
        }
        if (cli.plugins() != null) {
            config = config.withPluginsDir(cli.plugins());
        }
        if (cli.interval() != null) {
            config = config.withTick(t -> t.withInterval(cli.interval()));
        }
        if (cli.logLevel() != null) {
            config = config.with(new LoggingSettings(cli.logLevel()));
        }
        if (cli.metricsPort() != null) {
            config = config.with(config.metrics().withPort(cli.metricsPort()));
        }
        if (cli.ollamaUrls().size() > 1) {
            config = config.with(config.ollama().withEndpoints(OllamaUrls.endpoints(cli.ollamaUrls())));
        } else if (cli.ollamaUrl() != null) {
            config = config.with(config.ollama().withUrl(cli.ollamaUrl()));
        }
        return config;
    }

    // Guarded by this.
    private boolean closed;

    /**
     * Builds and wires everything; nothing runs until {@code engine.start()}. The data folder is
     * locked and its files checked (and repaired or set aside) first, before any thread starts. If
     * anything fails, whatever was already built is closed again, so a failed start never leaves a
     * thread (the simulator's server, a listener) keeping the process alive.
     *
     * @throws UsageException for anything the user can fix (a bad path, a locked or unwritable data
     *     folder, an unknown chaos target): one clear line, exit code 2
     */
    static TickguardRuntime create(TickguardConfig config, RunOptions cli) throws UsageException {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            DataFolder data = DataFolder.prepare(config.dataDir());
            DataFolderLock lock = DataFolderLock.acquire(data);
            opened.push(lock);
            int leftovers = data.removeLeftovers();
            if (leftovers > 0) {
                java.util.logging.Logger.getLogger("tickguard").info("[Tickguard] removed " + leftovers
                        + " temp file(s) left by an interrupted write");
            }
            preparePluginsFolder(config.pluginsDir());
            SqliteLibrary.load(config.dataDir());
            Database db = Database.open(config.dataDir());
            opened.push(db);
            StartupTrace.mark("database opened");
            TickJournal journal = new TickJournal(data.journal());
            opened.push(journal);
            DbMemory memory = new DbMemory(db);

            TimeSource time = TimeSource.system();
            EventBus bus = new EventBus();
            opened.push(bus);
            // First listener: the control API's model must see every event, plugin loads included.
            ControlModel model = ControlModel.attach(bus);
            BreakerRegistry breakers = new BreakerRegistry(config.breaker(), bus, time);
            LlmSetup llm = LlmSetup.create(config, cli, bus, breakers, time, cli.simulators());
            opened.push(llm);
            OllamaSummary ollamaLine = new OllamaSummary();
            RunSummary summary = new RunSummary(time.now());
            TickLog tickLog = new TickLog(java.util.logging.Logger.getLogger("tickguard"), r -> ollamaLine.line(r.tick()));
            NativeMemoryTrim trim = NativeMemoryTrim.create(time); // issue 18: freed native memory back after ticks
            bus.subscribe("log", e -> {
                ollamaLine.accept(e);
                summary.accept(e);
                tickLog.accept(e);
                trim.accept(e);
            });

            List<TickEngine.Discovered> builtIn = new StepDiscovery(bus, time).builtIn();
            // Loads the plugins folder now; once the engine exists, keeps watching it (changes apply
            // from the next tick).
            PluginRegistry plugins = new PluginRegistry(config, bus, time, builtIn, db);
            opened.push(plugins);
            StartupTrace.mark("plugins loaded");
            dev.tickguard.remote.RemoteSteps remote = RemoteAgent.start(config, breakers, memory, bus, time);
            remote.link().ifPresent(opened::push);
            TickEngineBuilder builder = TickEngine.builder(config).bus(bus).breakers(breakers).time(time)
                    .llm(llm.llm()).memory(memory).database(db, journal).steps(plugins.start()).remote(remote);
            builder.check(llm.healthCheck());
            TickEngine engine = builder.build();
            opened.push(engine);
            llm.attach(engine.health());
            plugins.watch(engine);
            TickguardControl control = EngineControl.createWithPool(engine, model, llm.faults(), plugins, true,
                    time).showing(llm.pool());
            TickguardRuntime runtime = new TickguardRuntime(config, bus, journal, llm, engine, plugins, lock,
                    control, db);
            runtime.summary = summary;
            runtime.applyChaos(cli.chaos());
            runtime.startMetrics();
            StartupTrace.mark("runtime created");
            return runtime;
        } catch (DataFolderException e) {
            closeAll(opened);
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            closeAll(opened);
            throw new UsageException("cannot start: " + DataFolder.describe(e));
        } catch (UsageException | RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * A plugins folder that exists must be a folder; a missing one is created (the first start), so
     * a user who installed Tickguard finds where drop-in JARs go (an installer cannot create it: it
     * is in each user's data folder).
     */
    private static void preparePluginsFolder(Path dir) throws UsageException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("plugins folder " + dir + " is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("cannot create the plugins folder " + dir + ": " + DataFolder.describe(e));
        }
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception | Error e) {
                // Keep closing the rest; the start-up failure is what gets reported.
                java.util.logging.Logger.getLogger("tickguard").warning("while closing after a failed start: " + e);
            }
        }
    }

    private void startMetrics() throws UsageException {
        if (!config.metrics().enabled()) {
            return;
        }
        try {
            metrics = PrometheusEndpoint.start(control, config.metrics());
            dev.tickguard.app.metrics.OllamaPoolMetrics.register(metrics.registry(), llm.pool());
        } catch (IOException e) {
            throw new UsageException("metrics: " + e.getMessage() + " (use a free port in --metrics-port or "
                    + "metrics.port, and an address of this machine in metrics.host)");
        }
        java.util.logging.Logger.getLogger("tickguard").info("[Metrics] serving http://" + config.metrics().host() + ":"
                + metrics.port() + "/metrics");
    }

    /** The Prometheus endpoint's port, or -1 when it is off. */
    int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** Presets the {@code --chaos} faults through the control API, as a front end would add them. */
    private void applyChaos(List<Chaos> specs) throws UsageException {
        for (Chaos c : specs) {
            try {
                control.addChaos(c);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--chaos " + c + ": " + e.getMessage());
            }
        }
    }

    /** The loaded steps, for the start-up banner. */
    String describeSteps() {
        return engine.steps().stream().map(s -> s.id() + (s.source().equals(StepDiscovery.BUILT_IN) ? "" : " (" + s.source() + ")"))
                .collect(Collectors.joining(", "));
    }

    /**
     * The settings in use: the configuration with what the runtime itself changed (with
     * {@code --simulator}, the simulator's address as {@code ollama.url}, or its servers as {@code ollama.endpoints}).
     */
    TickguardConfig effectiveConfig() {
        return config.with(llm.settings());
    }

    /** A loaded plugin in words, e.g. {@code 'weather' 1.0 (weather.jar)}, if there is one with this id. */
    Optional<String> describePlugin(String id) {
        return plugins.find(id).map(p -> "'" + p.id() + "' " + p.version() + " (" + p.source() + ")");
    }

    /**
     * Stops the engine (its running tick is journaled), then closes the rest in order. Idempotent, and
     * a second caller waits for the first to finish: on SIGTERM the shutdown hook and the main thread
     * (woken when the engine stops) both close, and a second close racing ahead closed the journal
     * before the stopped tick was written, while the checkpoint still counted it.
     */
    @Override
    public void close() {
        close(TickEngine.STOPPING);
    }

    /**
     * What the shutdown hook does (SIGTERM, SIGINT, a {@code System.exit}): says why the process stops,
     * in a line that survives logging's own shutdown, and closes with that reason.
     */
    void closeForShutdown() {
        String why = ExitCause.describe(this::describePlugin);
        ConsoleLogging.warnWhileShuttingDown("[Tickguard] " + why + "; stopping: finishing the journal");
        if (stop(why) && summary != null) {
            ConsoleLogging.warnWhileShuttingDown(summary.line(java.time.Instant.now())); // logging may be shut already
        }
    }

    /** {@link #close()}, with why the running tick stops (its {@code abort_reason}). */
    public void close(String why) {
        if (stop(why) && summary != null) {
            java.util.logging.Logger.getLogger("tickguard").info(summary.line(java.time.Instant.now()));
        }
    }

    /** Stops everything once; true for the caller that did (it writes the closing line). */
    private synchronized boolean stop(String why) {
        if (closed) {
            return false;
        }
        closed = true;
        PrometheusEndpoint m = metrics;
        metrics = null;
        if (m != null) {
            m.close();
        }
        engine.close(why);
        engine.remote().link().ifPresent(dev.tickguard.remote.AgentLink::close);
        plugins.close();
        bus.close();
        db.close();
        journal.close();
        llm.close();
        lock.close();
        return true;
    }
}
