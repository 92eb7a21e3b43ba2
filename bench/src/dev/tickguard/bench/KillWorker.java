package dev.tickguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tickguard.remote.StepWorker;
import dev.tickguard.spi.BaseStep;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import dev.tickguard.spi.internal.UnavailableLlm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A worker in a process of its own for the kill rounds of {@code bench/run remote-steps}: serves
 * {@code slow}, which marks in its sandbox that it started ({@code started-<tick>}) and then works
 * {@link #STEP_MS} ms. Args: broker URL, pool, name, data folder.
 */
public final class KillWorker {
    static final long STEP_MS = 500;

    private KillWorker() {
    }

    /** The step as the workers run it; the agent holds a {@link SleepStep} of the same id. */
    static final class Marked extends BaseStep {
        Marked() {
            super("slow", Priority.IMPORTANT, Phase.SEQUENTIAL, 2, Duration.ofSeconds(10));
        }

        @Override
        public JsonNode run(StepContext c) throws Exception {
            Files.writeString(c.sandbox().resolve("started-" + c.tick()), c.runKey());
            Thread.sleep(STEP_MS);
            return TextNode.valueOf("done " + c.tick());
        }

        @Override
        public JsonNode safeDefault() {
            return TextNode.valueOf("default");
        }
    }

    public static void main(String[] args) throws Exception {
        StepWorker w = new StepWorker(new StepWorker.Options(URI.create(args[0]), args[2], args[1], 1,
                Duration.ofMillis(500), Path.of(args[3]), "bench", Map.of()), Map.of("slow", new Marked()),
                new UnavailableLlm("no LLM in this benchmark"));
        w.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
