package dev.tickguard.engine;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.health.DatabaseCheck;
import dev.tickguard.health.DataFolderGoneCheck;
import dev.tickguard.health.DiskCheck;
import dev.tickguard.health.HealthCheck;
import dev.tickguard.health.HealthMonitor;
import dev.tickguard.health.HeapCheck;
import dev.tickguard.memory.DbMemory;
import dev.tickguard.persist.DataFolder;
import dev.tickguard.persist.Database;
import dev.tickguard.persist.TickJournal;
import dev.tickguard.persist.TickWrites;
import java.time.Duration;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.Memory;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.internal.UnavailableLlm;
import dev.tickguard.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Assembles a {@link TickEngine}. Anything not given is created from the configuration: an event
 * bus, the breaker registry, a health monitor with the heap, disk and database checks, the data
 * folder's database (memory in it too), and without an LLM one whose every call fails (so steps that ask fall back).
 * Not thread-safe; a built engine does not change when the builder does.
 */
public final class TickEngineBuilder {
    private static final Llm NO_LLM = new UnavailableLlm("no LLM is configured for this engine");

    private final TickguardConfig config;
    private final List<TickEngine.Discovered> steps = new ArrayList<>();
    private final List<HealthCheck> checks = new ArrayList<>();
    private EventBus bus;
    private BreakerRegistry breakers;
    private Llm llm;
    private Memory memory;
    private StepFaults faults;
    private TimeSource time = TimeSource.system();
    private boolean defaultChecks = true;
    private int maxStepThreads = StepThreads.DEFAULT_MAX;
    private dev.tickguard.remote.RemoteSteps remote = dev.tickguard.remote.RemoteSteps.none();
    private Database db;
    private TickJournal mirror;
    private Duration resumeMaxAge;

    TickEngineBuilder(TickguardConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Adds steps found by discovery (built-in or plugin). */
    public TickEngineBuilder steps(List<TickEngine.Discovered> discovered) {
        steps.addAll(discovered);
        return this;
    }

    /** Adds one step with its source label. */
    public TickEngineBuilder step(Step step, String source) {
        steps.add(new TickEngine.Discovered(step, source));
        return this;
    }

    public TickEngineBuilder bus(EventBus b) {
        this.bus = b;
        return this;
    }

    /** Uses an existing registry (e.g. shared with the LLM client's breakers). */
    public TickEngineBuilder breakers(BreakerRegistry r) {
        this.breakers = r;
        return this;
    }

    public TickEngineBuilder llm(Llm l) {
        this.llm = l;
        return this;
    }

    public TickEngineBuilder memory(Memory m) {
        this.memory = m;
        return this;
    }

    /**
     * Uses this database (not closed with the engine) and journal mirror ({@code null}: none). Without
     * it the engine opens {@code tickguard.db} in the data folder itself, with the mirror at
     * {@code logs/ticks.jsonl}, and closes it with the engine.
     */
    public TickEngineBuilder database(Database db, TickJournal mirror) {
        this.db = db;
        this.mirror = mirror;
        return this;
    }

    /** How old an interrupted tick may be to be resumed at start (default: the tick interval, at least 5 minutes). */
    public TickEngineBuilder resumeMaxAge(Duration d) {
        this.resumeMaxAge = d;
        return this;
    }

    /** Caps the step threads alive at once (default {@link StepThreads#DEFAULT_MAX}); for tests of the cap. */
    TickEngineBuilder maxStepThreads(int max) {
        this.maxStepThreads = max;
        return this;
    }

    /** Sends the steps configured {@code run_on: remote} through this link (default: none, they fall back). */
    public TickEngineBuilder remote(dev.tickguard.remote.RemoteSteps r) {
        this.remote = Objects.requireNonNull(r, "remote");
        return this;
    }

    public TickEngineBuilder stepFaults(StepFaults f) {
        this.faults = f;
        return this;
    }

    public TickEngineBuilder time(TimeSource t) {
        this.time = Objects.requireNonNull(t, "time");
        return this;
    }

    /** Adds a health check (e.g. the LLM endpoint). */
    public TickEngineBuilder check(HealthCheck c) {
        checks.add(c);
        return this;
    }

    /** Leaves out the heap, disk and database checks (for tests that drive the mode themselves). */
    public TickEngineBuilder withoutDefaultChecks() {
        defaultChecks = false;
        return this;
    }

    private void checkDefaults(HealthMonitor health, Database d) {
        if (defaultChecks) {
            health.addCheck(new DatabaseCheck(d));
            health.addCheck(new DataFolderGoneCheck(d));
            health.addCheck(new HeapCheck(config.health().heapEmergencyPercent()));
            health.addCheck(new DiskCheck(config.dataDir(), config.health().diskMinFreeMb()));
        }
    }

    public TickEngine build() {
        EventBus b = bus != null ? bus : new EventBus();
        BreakerRegistry r = breakers != null ? breakers : new BreakerRegistry(config.breaker(), b, time);
        HealthMonitor health = new HealthMonitor(config.health(), r, b, time);
        boolean owned = db == null;
        Database d = owned ? Database.open(config.dataDir()) : db;
        TickJournal m = mirror;
        try {
            if (owned) {
                m = new TickJournal(new DataFolder(config.dataDir()).journal());
            }
            checkDefaults(health, d);
            checks.forEach(health::addCheck);
            if (memory == null) {
                memory(new DbMemory(d));
            }
            Duration configured = config.persistence().resumeMaxAge();
            Duration maxAge = resumeMaxAge != null ? resumeMaxAge : !configured.isZero() ? configured
                    : PersistenceDefaults.resumeMaxAge(config.tick().interval());
            return new TickEngine(config, steps, b, r, health, llm != null ? llm : NO_LLM, memory,
                    faults != null ? faults : new StepFaults(), time, maxStepThreads, d, owned,
                    new TickWrites(d, m), maxAge, remote);
        } catch (java.io.IOException e) {
            if (owned) {
                d.close();
            }
            throw new dev.tickguard.persist.DataFolderException("cannot open the journal mirror: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (owned) {
                d.close();
            }
            throw e;
        }
    }
}
