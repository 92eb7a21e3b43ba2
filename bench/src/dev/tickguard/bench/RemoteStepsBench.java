package dev.tickguard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.memory.DbMemory;
import dev.tickguard.persist.Database;
import dev.tickguard.remote.AgentLink;
import dev.tickguard.remote.RemoteNames;
import dev.tickguard.remote.RemoteSteps;
import dev.tickguard.remote.StepWorker;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.StepContext;
import dev.tickguard.spi.TestStepContext;
import dev.tickguard.spi.internal.UnavailableLlm;
import dev.tickguard.time.TimeSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run remote-steps}: the cost of running a step on a remote worker instead of in the
 * agent, on a real RabbitMQ broker on loopback (quorum queue, publisher confirms, manual acks), what a
 * worker killed mid-step costs, and the throughput of agents and workers as real processes. Starts a
 * throwaway broker with tools/rabbitmq-throwaway unless BENCH_BROKER names one.
 *
 * <p>Overhead: one zero-time step, run locally and remotely (through RemoteStep, as the engine runs
 * it), one at a time; the overhead of a run is its remote time minus the local median.
 * Worker kill: {@link KillRounds} (BENCH_KILL_ROUNDS, default 100). Throughput: {@link RemoteThroughput}.
 */
final class RemoteStepsBench {
    private RemoteStepsBench() {
    }

    static ObjectNode run() throws Exception {
        Path dir = Files.createTempDirectory("tickguard-bench-remote");
        String given = System.getenv("BENCH_BROKER");
        Broker broker = given != null ? new Broker(URI.create(given), null, 0) : Broker.start(dir.resolve("broker"));
        // BENCH_REMOTE_PARTS=overhead,kill,throughput (the default: all three) runs only those named.
        List<String> parts = List.of(System.getenv().getOrDefault("BENCH_REMOTE_PARTS", "overhead,kill,throughput")
                .split(","));
        ObjectNode out = Bench.JSON.createObjectNode();
        out.put("load_average_1m_at_start", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        try {
            if (parts.contains("overhead")) {
                measure(out, broker.uri, dir);
            }
            if (parts.contains("kill")) {
                new KillRounds(broker.uri, dir).run(out);
            }
            if (parts.contains("throughput")) {
                new RemoteThroughput(broker.uri, dir, broker.pid()).run(out);
            }
        } finally {
            broker.stop();
        }
        out.put("load_average_1m_at_end", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        return out;
    }

    private static void measure(ObjectNode out, URI uri, Path dir) throws Exception {
        EventBus bus = new EventBus();
        BreakerRegistry breakers = new BreakerRegistry(new BreakerSettings(1000, Duration.ofSeconds(1), 1), bus,
                TimeSource.system());
        String pool = "bench-" + System.nanoTime();
        try (Database db = Database.open(dir.resolve("agent"));
             AgentLink link = new AgentLink(uri, "bench" + (System.nanoTime() % 100000), pool, 3, 180_000,
                breakers.get(AgentLink.BREAKER), new DbMemory(db), bus, TimeSource.system())) {
            link.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!link.connected() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            SleepStep zero = new SleepStep("zero", Priority.IMPORTANT, Phase.SEQUENTIAL, 1, 0);
            List<StepWorker> workers = new ArrayList<>();
            for (String name : List.of("bench-w1", "bench-w2")) {
                StepWorker w = new StepWorker(new StepWorker.Options(uri, name, pool, 1, Duration.ofSeconds(1),
                        dir.resolve(name), "bench", Map.of()), Map.of("zero", zero),
                        new UnavailableLlm("no LLM in this benchmark"));
                w.start();
                w.awaitReady(Duration.ofSeconds(60));
                workers.add(w);
            }
            RemoteSteps remote = new RemoteSteps(link);
            Step remoteZero = remote.wrap(zero);
            int warm = 1000;
            int n = 5000;
            long tick = 0;
            for (int i = 0; i < warm; i++) {
                remoteZero.run(ctx("zero", ++tick));
                zero.run(ctx("zero", tick));
            }
            long[] local = new long[n];
            long[] remoteNs = new long[n];
            for (int i = 0; i < n; i++) {
                StepContext c = ctx("zero", ++tick);
                long t0 = System.nanoTime();
                zero.run(c);
                local[i] = System.nanoTime() - t0;
                c = ctx("zero", ++tick);
                t0 = System.nanoTime();
                remoteZero.run(c);
                remoteNs[i] = System.nanoTime() - t0;
            }
            double localP50 = Bench.quantile(local, 0.5, 1);
            long[] overhead = new long[n];
            for (int i = 0; i < n; i++) {
                overhead[i] = (long) (remoteNs[i] - localP50);
            }
            out.put("runs", n);
            out.put("local_p50_ms", Bench.quantile(local, 0.5, 1e6));
            out.put("remote_p50_ms", Bench.quantile(remoteNs, 0.5, 1e6));
            out.put("overhead_p50_ms", Bench.quantile(overhead, 0.5, 1e6));
            out.put("overhead_p99_ms", Bench.quantile(overhead, 0.99, 1e6));
            out.put("overhead_max_ms", Bench.quantile(overhead, 1.0, 1e6));
            out.put("duplicates_discarded", link.counters().duplicates());
            workers.forEach(StepWorker::close);
        }
        bus.close();
        out.put("setup", "loopback, quorum queue, publisher confirms, manual acks, 2 in-process workers, concurrency 1");
    }

    private static StepContext ctx(String id, long tick) {
        return TestStepContext.builder(id).tick(tick).build();
    }

    /** A throwaway broker (tools/rabbitmq-throwaway) on a free loopback port. */
    private record Broker(URI uri, Path dir, int port) {
        /** Its beam.smp process (BENCH_BROKER_PID for a given broker), or 0 if unknown. */
        long pid() throws java.io.IOException {
            if (dir == null) {
                return Long.parseLong(System.getenv().getOrDefault("BENCH_BROKER_PID", "0"));
            }
            return Long.parseLong(Files.readString(dir.resolve("rabbit.pid")).trim());
        }

        static Broker start(Path dir) throws Exception {
            int port = 21_000 + new Random().nextInt(20_000);
            script(dir, port, "start");
            return new Broker(URI.create("amqp://guest:guest@127.0.0.1:" + port), dir, port);
        }

        void stop() throws Exception {
            if (dir != null) {
                script(dir, port, "stop");
            }
        }

        private static void script(Path dir, int port, String command) throws Exception {
            Path root = Path.of(System.getProperty("bench.root", "."));
            ProcessBuilder pb = new ProcessBuilder(root.resolve("tools/rabbitmq-throwaway").toString(), command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("RQ_DIR", dir.toString());
            pb.environment().put("RQ_PORT", String.valueOf(port));
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("tools/rabbitmq-throwaway " + command + " failed (" + dir + "/log)");
            }
        }
    }
}
