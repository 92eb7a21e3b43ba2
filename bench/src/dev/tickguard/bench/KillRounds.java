package dev.tickguard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.StepOverride;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.memory.DbMemory;
import dev.tickguard.persist.Database;
import dev.tickguard.persist.TickStore;
import dev.tickguard.remote.AgentId;
import dev.tickguard.remote.AgentLink;
import dev.tickguard.remote.RemoteSteps;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The kill rounds of {@code bench/run remote-steps}: an agent (the real engine, database and broker
 * link, in the bench's JVM) runs ticks whose step {@code slow} runs remotely on three worker processes
 * ({@link KillWorker}, each a JVM of its own); each round, the worker running the step is killed with
 * SIGKILL at a random point of it (seed printed), and a fresh process takes its place. Counted from
 * the ticks and the database: steps lost (no result of their own), recorded twice, the attempt the
 * result came from, and the time from the kill to the redelivered result.
 */
final class KillRounds {
    private static final int WORKERS = 3;

    private final URI broker;
    private final Path dir;
    private final String pool = "bench-kill-" + System.nanoTime();
    private final Map<String, Process> live = new LinkedHashMap<>();
    private int started;

    KillRounds(URI broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
    }

    void run(ObjectNode out) throws Exception {
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_KILL_ROUNDS", "100"));
        long seed = Long.getLong("bench.seed", System.nanoTime());
        System.err.println("remote-steps kill rounds: " + rounds + ", seed " + seed + " (replay: BENCH_JAVA_OPTS=-Dbench.seed="
                + seed + ")");
        Random random = new Random(seed);
        Map<String, StepOverride> remote = Map.of("slow", new StepOverride(null, null, null, null, StepOverride.RunOn.REMOTE));
        TickguardConfig config = TickguardConfig.defaults().withDataDir(dir.resolve("kill-agent")).withSteps(remote);
        EventBus bus = new EventBus();
        BreakerRegistry breakers = new BreakerRegistry(new BreakerSettings(1000, Duration.ofSeconds(1), 1), bus,
                TimeSource.system());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> live.values().forEach(Process::destroyForcibly)));
        try (Database db = Database.open(config.dataDir());
             AgentLink link = new AgentLink(broker, AgentId.of(config.dataDir()), pool, 3,
                     config.tick().limit().toMillis() + 60_000, breakers.get(AgentLink.BREAKER), new DbMemory(db), bus,
                     TimeSource.system());
             TickEngine engine = TickEngine.builder(config).bus(bus).breakers(breakers).memory(new DbMemory(db))
                     .database(db, null).withoutDefaultChecks().remote(new RemoteSteps(link))
                     .step(new SleepStep("first", Priority.IMPORTANT, Phase.SEQUENTIAL, 1, 0), "bench")
                     .step(new SleepStep("slow", Priority.IMPORTANT, Phase.SEQUENTIAL, 2, KillWorker.STEP_MS), "bench")
                     .build()) {
            link.start();
            await(link::connected, 60, "the broker link");
            for (int i = 0; i < WORKERS; i++) {
                spawn(link);
            }
            int lost = 0;
            int notKilledInTime = 0;
            int secondAttempt = 0;
            List<Long> ticks = new ArrayList<>();
            long[] fromKill = new long[rounds];
            long[] fromStart = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                long n = engine.lastTick() + 1; // ticks run one after another here: this round's number
                long t0 = System.nanoTime();
                CompletableFuture<TickRecord> tick = CompletableFuture.supplyAsync(engine::runTick);
                String holder = awaitHolder(n, link, tick);
                long killAt = 0;
                if (holder != null) {
                    Thread.sleep(random.nextInt((int) (KillWorker.STEP_MS * 4 / 5))); // a random point of the step
                    killAt = System.nanoTime();
                    Process p = live.remove(holder);
                    p.destroyForcibly(); // SIGKILL
                    p.waitFor(10, TimeUnit.SECONDS);
                }
                TickRecord record = tick.get(60, TimeUnit.SECONDS);
                long end = System.nanoTime();
                ticks.add(record.tick());
                StepRecord s = record.steps().stream().filter(x -> x.id().equals("slow")).findFirst().orElseThrow();
                if (s.outcome() != StepOutcome.SUCCESS) {
                    lost++;
                    System.err.println("round " + r + ": slow " + s.outcome() + " (" + s.error() + ")");
                }
                if (s.attempt() == 2) {
                    secondAttempt++;
                }
                if (holder == null) {
                    notKilledInTime++;
                }
                fromStart[r] = end - t0;
                fromKill[r] = killAt == 0 ? 0 : end - killAt;
                spawn(link);
            }
            // Every tick journaled once, its remote step recorded once, in the database.
            TickStore store = new TickStore(db);
            await(() -> store.page(TickStore.Query.newest(rounds + 10)).size() >= rounds, 30, "the journal");
            Map<Long, Integer> journaled = new HashMap<>();
            int slowRecords = 0;
            for (TickStore.Entry e : store.page(TickStore.Query.newest(rounds + 10))) {
                journaled.merge(e.record().tick(), 1, Integer::sum);
                slowRecords += (int) e.record().steps().stream().filter(x -> x.id().equals("slow")).count();
            }
            long twice = journaled.values().stream().filter(n -> n > 1).count() + Math.max(0, slowRecords - rounds);
            out.put("kill_rounds", rounds);
            out.put("kill_seed", seed);
            out.put("kill_workers", WORKERS + " worker processes (a JVM each), killed with SIGKILL, a fresh one started after each round");
            out.put("kill_step_ms", KillWorker.STEP_MS);
            out.put("kill_steps_lost", lost);
            out.put("kill_recorded_twice", twice);
            out.put("kill_ticks_journaled_once", ticks.stream().filter(t -> journaled.get(t) != null && journaled.get(t) == 1).count());
            out.put("kill_results_from_attempt_2", secondAttempt);
            out.put("kill_rounds_step_ended_before_the_kill", notKilledInTime);
            out.put("kill_duplicates_discarded", link.counters().duplicates());
            out.put("kill_late_discarded", link.counters().late());
            out.put("kill_time_from_kill_to_result_p50_ms", Bench.quantile(nonZero(fromKill), 0.5, 1e6));
            out.put("kill_time_from_kill_to_result_p99_ms", Bench.quantile(nonZero(fromKill), 0.99, 1e6));
            out.put("kill_time_to_result_p50_ms", Bench.quantile(fromStart, 0.5, 1e6));
        } finally {
            live.values().forEach(Process::destroyForcibly);
            bus.close();
        }
    }

    /** The worker whose sandbox says it started this tick's step, or null if the tick ended first. */
    private String awaitHolder(long n, AgentLink link, CompletableFuture<TickRecord> tick) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until && !tick.isDone()) {
            for (String name : live.keySet()) {
                Path sandbox = dir.resolve(name).resolve("sandbox").resolve(link.agentId()).resolve("slow");
                if (Files.exists(sandbox.resolve("started-" + n))) {
                    return name;
                }
            }
            Thread.sleep(2);
        }
        return null;
    }

    private void spawn(AgentLink link) throws Exception {
        String name = "kw" + (started++);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                KillWorker.class.getName(), broker.toString(), pool, name, dir.resolve(name).toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        live.put(name, p);
        await(() -> link.workers().stream().anyMatch(w -> w.name().equals(name) && w.alive()), 120,
                "worker process " + name);
    }

    private static long[] nonZero(long[] a) {
        return java.util.Arrays.stream(a).filter(x -> x > 0).toArray();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(Check c, int seconds, String what) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.ok()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException(what + " not ready within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
