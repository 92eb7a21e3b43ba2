package dev.tickguard.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tickguard.spi.internal.MapStepState;
import dev.tickguard.spi.internal.UnavailableLlm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link StepContext} (and {@link PluginContext}) for a plugin author's unit tests: run a step's
 * {@code run}, {@code start} or {@code fallback} without Tickguard around it.
 *
 * <pre>{@code
 * TestStepContext ctx = TestStepContext.builder("inner_weather")
 *         .output("monologue", JsonNodeFactory.instance.objectNode().put("text", "a calm day"))
 *         .llm(myFakeLlm)            // default: every call throws LlmException
 *         .settings(yamlTree)        // default: an empty object
 *         .sandbox(tempDir)          // default: a new temporary folder
 *         .build();
 * JsonNode out = new WeatherStep().run(ctx);
 * }</pre>
 *
 * <p>The default memory keeps episodes and embeddings in this object only; the {@link #state()} is
 * kept in this object too (give the same one to a second context with {@code .state(first.state())}
 * to test what a step remembers from one tick to the next). {@link #cancel()} makes
 * {@link #cancelled()} true, to test that a long step stops early. Tickguard's built-in steps are
 * tested with this class too. Thread-safe.
 */
public final class TestStepContext implements StepContext, PluginContext {
    private static final Llm NO_LLM =
            new UnavailableLlm("no LLM in this test context: give one with TestStepContext.builder(..).llm(..)");

    private final long tick;
    private final String stepId;
    private final Map<String, JsonNode> outputs;
    private final Llm llm;
    private final Memory memory;
    private final Path sandbox;
    private final SystemMode mode;
    private final JsonNode settings;
    private final StepState state;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private TestStepContext(Builder b) {
        this.tick = b.tick;
        this.stepId = b.stepId;
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.outputs));
        this.llm = b.llm;
        this.memory = b.memory;
        this.sandbox = b.sandbox;
        this.mode = b.mode;
        this.settings = b.settings;
        this.state = b.state != null ? b.state : new MapStepState(b.stepId, null);
    }

    /** Starts a context for the step with this id. */
    public static Builder builder(String stepId) {
        return new Builder(stepId);
    }

    @Override
    public long tick() {
        return tick;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public Optional<JsonNode> output(String id) {
        return Optional.ofNullable(outputs.get(id));
    }

    @Override
    public Map<String, JsonNode> outputs() {
        return outputs;
    }

    @Override
    public Llm llm() {
        return llm;
    }

    @Override
    public Memory memory() {
        return memory;
    }

    @Override
    public Path sandbox() {
        try {
            return Files.createDirectories(sandbox);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public SystemMode mode() {
        return mode;
    }

    /** Kept in this object, or the one given to the builder. */
    @Override
    public StepState state() {
        return state;
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    /** From now on {@link #cancelled()} is true, as when the engine's deadline passes. */
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public JsonNode settings() {
        return settings;
    }

    @Override
    public System.Logger logger() {
        return StepContext.super.logger();
    }

    /** Builds a {@link TestStepContext}; every setting has a usable default. Not thread-safe. */
    public static final class Builder {
        private final String stepId;
        private final Map<String, JsonNode> outputs = new LinkedHashMap<>();
        private long tick = 1;
        private Llm llm = NO_LLM;
        private Memory memory = new ListMemory();
        private Path sandbox;
        private SystemMode mode = SystemMode.NORMAL;
        private JsonNode settings = JsonNodeFactory.instance.objectNode();
        private StepState state;

        private Builder(String stepId) {
            this.stepId = Objects.requireNonNull(stepId, "stepId");
        }

        /** The tick number (default 1). */
        public Builder tick(long n) {
            this.tick = n;
            return this;
        }

        /** An earlier step's output that {@link StepContext#output} returns. */
        public Builder output(String id, JsonNode value) {
            outputs.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The language model (default: one whose every call throws a non-transient {@link LlmException}). */
        public Builder llm(Llm l) {
            this.llm = Objects.requireNonNull(l, "llm");
            return this;
        }

        /** The memory (default: kept in the context object only). */
        public Builder memory(Memory m) {
            this.memory = Objects.requireNonNull(m, "memory");
            return this;
        }

        /** The step's folder (default: a new temporary folder). */
        public Builder sandbox(Path dir) {
            this.sandbox = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The system mode (default NORMAL). */
        public Builder mode(SystemMode m) {
            this.mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /** The step's settings tree, as {@code steps.<id>.settings:} would give it (default: empty object). */
        public Builder settings(JsonNode tree) {
            this.settings = Objects.requireNonNull(tree, "tree");
            return this;
        }

        /** The step's state (default: a new empty one kept in the context), e.g. an earlier context's {@code state()}. */
        public Builder state(StepState s) {
            this.state = Objects.requireNonNull(s, "state");
            return this;
        }

        public TestStepContext build() {
            if (sandbox == null) {
                try {
                    sandbox = Files.createTempDirectory("tickguard-test-" + stepId);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new TestStepContext(this);
        }
    }

    /** Memory in a list: nearest() ranks by cosine similarity, like the real one. */
    private static final class ListMemory implements Memory {
        private final List<Episode> episodes = new ArrayList<>();
        private final Map<String, Map.Entry<String, float[]>> vectors = new LinkedHashMap<>();

        @Override
        public synchronized void record(Episode episode) {
            episodes.add(Objects.requireNonNull(episode, "episode"));
        }

        @Override
        public synchronized List<Episode> recentEpisodes(int limit) {
            int from = Math.max(0, episodes.size() - limit);
            List<Episode> out = new ArrayList<>(episodes.subList(from, episodes.size()));
            Collections.reverse(out);
            return out;
        }

        @Override
        public synchronized void storeEmbedding(String key, String text, float[] vector) {
            vectors.put(key, Map.entry(text, vector.clone()));
        }

        @Override
        public synchronized List<MemoryHit> nearest(float[] vector, int k) {
            List<MemoryHit> hits = new ArrayList<>();
            vectors.forEach((key, e) -> hits.add(new MemoryHit(key, e.getKey(), cosine(vector, e.getValue()))));
            hits.sort((a, b) -> Double.compare(b.score(), a.score()));
            return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
        }

        private static double cosine(float[] a, float[] b) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                dot += a[i] * b[i];
                na += a[i] * a[i];
                nb += b[i] * b[i];
            }
            return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
        }
    }
}
