package dev.tickguard.app;

import dev.tickguard.chaos.ChaosSpec;
import dev.tickguard.config.ConfigException;
import dev.tickguard.config.ConfigLoader;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.LoadedStep;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.engine.TickEngineBuilder;
import dev.tickguard.events.EventBus;
import dev.tickguard.events.TickHistory;
import dev.tickguard.events.TickJournal;
import dev.tickguard.events.TickLog;
import dev.tickguard.memory.FileMemory;
import dev.tickguard.persist.DataFolder;
import dev.tickguard.persist.DataFolderException;
import dev.tickguard.persist.DataFolderLock;
import dev.tickguard.plugin.StepDiscovery;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything a running Tickguard is made of, wired from the command line and the configuration:
 * the bus with its log, journal and history listeners, the LLM, the steps, the engine. Used by the
 * headless runner (and by the dashboard). Closing it stops the engine and flushes the journal.
 */
final class TickguardRuntime implements AutoCloseable {
    final TickguardConfig config;
    final EventBus bus;
    final TickHistory history;
    final TickJournal journal;
    final LlmSetup llm;
    final TickEngine engine;
    private final DataFolderLock lock;

    private TickguardRuntime(TickguardConfig config, EventBus bus, TickHistory history, TickJournal journal,
                             LlmSetup llm, TickEngine engine, DataFolderLock lock) {
        this.config = config;
        this.bus = bus;
        this.history = history;
        this.journal = journal;
        this.llm = llm;
        this.engine = engine;
        this.lock = lock;
    }

    /** Reads the configuration the command line points at and applies the command line's overrides. */
    static TickguardConfig configFrom(CommandLine cli) throws UsageException {
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
        if (cli.data() != null) {
            config = config.withDataDir(cli.data());
        }
        if (cli.plugins() != null) {
            config = config.withPluginsDir(cli.plugins());
        }
        if (cli.interval() != null) {
            config = config.withInterval(cli.interval());
        }
        if (cli.logLevel() != null) {
            config = config.withLogLevel(cli.logLevel());
        }
        if (cli.ollamaUrl() != null) {
            config = config.withOllama(config.ollama().withUrl(cli.ollamaUrl()));
        }
        return config;
    }

    /**
     * Builds and wires everything; nothing runs until {@code engine.start()}. The data folder is
     * locked and its files checked (and repaired or set aside) first, before any thread starts. If
     * anything fails, whatever was already built is closed again, so a failed start never leaves a
     * thread (the simulator's server, a listener) keeping the process alive.
     *
     * @throws UsageException for anything the user can fix (a bad path, a locked or unwritable data
     *     folder, an unknown chaos target): one clear line, exit code 2
     */
    static TickguardRuntime create(TickguardConfig config, CommandLine cli) throws UsageException {
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
            checkPluginsFolder(config.pluginsDir());
            TickJournal journal = new TickJournal(data.journal());
            opened.push(journal);
            FileMemory memory = new FileMemory(data.memory());

            TimeSource time = TimeSource.system();
            EventBus bus = new EventBus();
            opened.push(bus);
            BreakerRegistry breakers = new BreakerRegistry(config.breaker(), bus, time);
            LlmSetup llm = LlmSetup.create(config, cli, bus, breakers, time);
            opened.push(llm);
            bus.subscribe("log", new TickLog(java.util.logging.Logger.getLogger("tickguard"),
                    r -> llm.resilient().stats().summaryLine(r.tick())));
            TickHistory history = new TickHistory(500);
            bus.subscribe("history", history);
            bus.subscribe("journal", journal);

            StepDiscovery discovery = new StepDiscovery(bus, time);
            TickEngineBuilder builder = TickEngine.builder(config).bus(bus).breakers(breakers).time(time)
                    .llm(llm.llm()).memory(memory).steps(discovery.builtIn()).steps(discovery.fromFolder(config.pluginsDir()));
            builder.check(llm.healthCheck());
            TickEngine engine = builder.build();
            opened.push(engine);
            llm.attach(engine.health());
            TickguardRuntime runtime = new TickguardRuntime(config, bus, history, journal, llm, engine, lock);
            runtime.applyChaos(cli.chaos());
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

    /** A plugins folder that exists must be a folder; a missing one just means "no plugins". */
    private static void checkPluginsFolder(Path dir) throws UsageException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("plugins folder " + dir + " is not a directory");
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

    private void applyChaos(List<ChaosSpec> specs) throws UsageException {
        List<String> stepIds = engine.steps().stream().map(LoadedStep::id).toList();
        for (ChaosSpec c : specs) {
            switch (c.kind()) {
                case FORCE_OPEN -> {
                    if (engine.breakers().find(c.target()).isEmpty()) {
                        throw new UsageException("--chaos " + c + ": no breaker named '" + c.target() + "'; breakers: "
                                + String.join(", ", engine.breakers().names()));
                    }
                    engine.breakers().get(c.target()).forceOpen();
                }
                case FAIL, HANG, SLOW -> {
                    if (!stepIds.contains(c.target())) {
                        throw new UsageException("--chaos " + c + ": no step named '" + c.target() + "'; steps: "
                                + String.join(", ", stepIds));
                    }
                    switch (c.kind()) {
                        case FAIL -> engine.stepFaults().fail(c.target(), true);
                        case HANG -> engine.stepFaults().hang(c.target(), true);
                        default -> engine.stepFaults().slow(c.target(), Duration.ofMillis((long) c.low()));
                    }
                }
                default -> llm.applyChaos(c);
            }
        }
    }

    /** The loaded steps, for the start-up banner. */
    String describeSteps() {
        return engine.steps().stream().map(s -> s.id() + (s.source().equals(StepDiscovery.BUILT_IN) ? "" : " (" + s.source() + ")"))
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        engine.close();
        bus.close();
        journal.close();
        llm.close();
        lock.close();
    }
}
