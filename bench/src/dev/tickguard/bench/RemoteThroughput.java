package dev.tickguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The throughput part of {@code bench/run remote-steps}, with real processes: agents are
 * {@code ./tickguard --simulator --headless --interval 0} and workers {@code ./tickguard worker
 * --simulator --concurrency 4}, all on the bench's broker. Three phases of BENCH_THROUGHPUT_SEC
 * (default 60) seconds each, after every agent has journaled three ticks: one agent with every step
 * local; the same with all 12 built-in steps remote on 3 workers; 8 agents, all steps remote, sharing
 * 2 workers. Counted from each agent's journal ({@code logs/ticks.jsonl}): ticks and steps that ended
 * in the window, fallbacks, steps that ran remotely; and the broker's CPU time over the window (the
 * beam.smp process's utime + stime from /proc/PID/stat).
 */
final class RemoteThroughput {
    private static final String[] STEPS = {"monologue", "semantic_context", "goal_selection", "action", "after_action",
        "curiosity", "belief_system", "contradiction_resolver", "social_interaction", "time_perception",
        "meta_cognition", "self_modification"};
    private static final int CONCURRENCY = 4;

    private final URI broker;
    private final Path dir;
    private final long brokerPid;
    private final Path launcher = Path.of(System.getProperty("bench.root", ".")).resolve("tickguard");
    private final List<Process> running = new ArrayList<>();

    /** @param brokerPid the broker's beam.smp process, or 0 if unknown (no CPU figure then) */
    RemoteThroughput(URI broker, Path dir, long brokerPid) {
        this.broker = broker;
        this.dir = dir;
        this.brokerPid = brokerPid;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(Process::destroyForcibly)));
    }

    void run(ObjectNode out) throws Exception {
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_THROUGHPUT_SEC", "60"));
        out.put("throughput_window_s", seconds);
        out.put("throughput_setup", "real processes: agents ./tickguard --simulator --headless --interval 0, workers"
                + " ./tickguard worker --simulator --concurrency " + CONCURRENCY + " (each its own simulator)");
        out.set("throughput_one_agent_all_local", phaseOrWhy("local", 1, 0, false, seconds));
        out.set("throughput_one_agent_12_remote_3_workers", phaseOrWhy("remote3", 1, 3, true, seconds));
        out.set("throughput_8_agents_sharing_2_workers", phaseOrWhy("shared8", 8, 2, true, seconds));
    }

    /** A phase's figures, or why there are none (a phase that cannot warm up must not lose the other parts' figures). */
    private ObjectNode phaseOrWhy(String name, int agents, int workers, boolean remote, int seconds)
            throws InterruptedException {
        try {
            return phase(name, agents, workers, remote, seconds);
        } catch (IOException | RuntimeException e) {
            return Bench.JSON.createObjectNode().put("error", String.valueOf(e.getMessage()));
        } catch (Exception e) {
            return Bench.JSON.createObjectNode().put("error", e.toString());
        }
    }

    private ObjectNode phase(String name, int agents, int workers, boolean remote, int seconds) throws Exception {
        Path home = dir.resolve("throughput-" + name);
        List<Path> agentDirs = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                Path d = home.resolve("w" + i);
                Files.createDirectories(d);
                start(d.resolve("out.log"), "worker", "--broker", broker.toString(), "--simulator", "--concurrency",
                        String.valueOf(CONCURRENCY), "--name", name + "-w" + i, "--data", d.toString());
            }
            for (int i = 0; i < agents; i++) {
                Path d = home.resolve("a" + i);
                Files.createDirectories(d);
                StringBuilder cfg = new StringBuilder();
                if (remote) {
                    cfg.append("remote:\n  broker: ").append(broker).append("\nsteps:\n");
                    for (String s : STEPS) {
                        cfg.append("  ").append(s).append(": {run_on: remote}\n");
                    }
                }
                Files.writeString(d.resolve("config.yaml"), cfg.toString());
                start(d.resolve("out.log"), "--simulator", "--headless", "--interval", "0", "--data", d.toString(),
                        "--config", d.resolve("config.yaml").toString());
                agentDirs.add(d);
            }
            // Warm: every agent has journaled three ticks (JVMs started, broker connected, workers consuming).
            KillRounds.await(() -> agentDirs.stream().allMatch(d -> lines(d) >= 3), 300, "phase " + name + " warm-up");
            Instant from = Instant.now();
            double cpu0 = brokerCpuSeconds();
            double load0 = load();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            Instant to = Instant.now();
            double cpu1 = brokerCpuSeconds();
            double load1 = load();
            stopAll();
            return count(agentDirs, from, to, seconds, agents, workers, cpu1 - cpu0, load0, load1);
        } finally {
            stopAll();
        }
    }

    private ObjectNode count(List<Path> agentDirs, Instant from, Instant to, int seconds, int agents, int workers,
                             double brokerCpu, double load0, double load1) throws IOException {
        long ticks = 0;
        long steps = 0;
        long fallbacks = 0;
        long remoteSteps = 0;
        List<Long> durations = new ArrayList<>();
        for (Path d : agentDirs) {
            for (String line : Files.readAllLines(d.resolve("logs").resolve("ticks.jsonl"))) {
                JsonNode t;
                try {
                    t = Bench.JSON.readTree(line);
                } catch (IOException torn) {
                    continue; // the last line, cut by the stop
                }
                Instant start = Instant.parse(t.path("started_at").asText());
                Instant end = start.plusMillis(t.path("duration_ms").asLong());
                if (start.isBefore(from) || end.isAfter(to)) {
                    continue;
                }
                ticks++;
                durations.add(t.path("duration_ms").asLong());
                for (JsonNode s : t.path("steps")) {
                    steps++;
                    if (!"SUCCESS".equals(s.path("outcome").asText())) {
                        fallbacks++;
                    }
                    if (s.hasNonNull("ran_on")) {
                        remoteSteps++;
                    }
                }
            }
        }
        ObjectNode o = Bench.JSON.createObjectNode();
        o.put("agents", agents);
        o.put("workers", workers);
        o.put("ticks", ticks);
        o.put("ticks_per_s", Bench.round((double) ticks / seconds));
        o.put("ticks_per_s_per_agent", Bench.round((double) ticks / seconds / agents));
        o.put("steps_per_s", Bench.round((double) steps / seconds));
        o.put("steps_not_success", fallbacks);
        o.put("steps_ran_remotely", remoteSteps);
        o.put("tick_p50_ms", durations.isEmpty() ? -1 : Bench.quantile(durations.stream().mapToLong(x -> x).toArray(), 0.5, 1));
        if (brokerPid > 0) {
            o.put("broker_cpu_s", Bench.round(brokerCpu));
            o.put("broker_cpu_pct_of_one_core", Bench.round(100 * brokerCpu / seconds));
        }
        o.put("load_average_1m", load0 + " at the start, " + load1 + " at the end");
        return o;
    }

    private void start(Path log, String... args) throws IOException {
        List<String> line = new ArrayList<>(List.of(launcher.toString()));
        line.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        running.add(pb.start());
    }

    /** SIGTERM to every process of the phase (agents journal their tick and stop), then SIGKILL what is left. */
    private void stopAll() throws InterruptedException {
        for (Process p : running) {
            p.destroy();
        }
        for (Process p : running) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        running.clear();
    }

    private static long lines(Path agentDir) {
        Path j = agentDir.resolve("logs").resolve("ticks.jsonl");
        try {
            return Files.exists(j) ? Files.readAllLines(j).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The broker's CPU time so far (user + system), from /proc/PID/stat, in seconds. */
    private double brokerCpuSeconds() throws IOException {
        if (brokerPid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc", String.valueOf(brokerPid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of the line (utime, stime), counted from field 3 after the command name.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ is 100 on Linux
    }

    private static double load() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
