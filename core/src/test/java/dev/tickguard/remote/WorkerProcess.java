package dev.tickguard.remote;

import dev.tickguard.spi.Phase;
import dev.tickguard.spi.internal.UnavailableLlm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A worker in a process of its own, for the kill -9 test: serves "slow", which marks that it started
 * (a file in its sandbox) and then runs for a minute. Args: broker URL, pool, name, data folder.
 */
public final class WorkerProcess {
    private WorkerProcess() {
    }

    /** Starts one in a child JVM on this test's class path (its output discarded). */
    static Process start(URI broker, String pool, String name, Path data) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(),
                broker.toString(), pool, name, data.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    public static void main(String[] args) throws Exception {
        TestSteps.Fake slow = new TestSteps.Fake("slow", Phase.SEQUENTIAL, 2, Duration.ofSeconds(20), c -> {
            Files.writeString(c.sandbox().resolve("started"), c.runKey());
            Thread.sleep(60_000);
            return TestSteps.text("never");
        });
        StepWorker w = new StepWorker(new StepWorker.Options(URI.create(args[0]), args[2], args[1], 1,
                Duration.ofSeconds(1), Path.of(args[3]), "test", Map.of()), Map.of("slow", slow),
                new UnavailableLlm("none"));
        w.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
