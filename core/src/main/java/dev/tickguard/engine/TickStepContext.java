package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.Memory;
import dev.tickguard.spi.StepContext;
import dev.tickguard.spi.SystemMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The engine's {@link StepContext}: a frozen view of the outputs this step may see. */
final class TickStepContext implements StepContext, dev.tickguard.remote.RemoteRun {
    private final long tick;
    private final String stepId;
    private final Map<String, JsonNode> outputs;
    private final Llm llm;
    private final Memory memory;
    private volatile Memory runMemory;
    private volatile Llm runLlm;
    private final Path sandbox;
    private final SystemMode mode;
    private final JsonNode settings;
    private volatile boolean cancelled;
    /** The run's deadline once armed (a remote step sends it along). */
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile String ranOn;
    private final dev.tickguard.persist.StepStates states;
    private volatile dev.tickguard.spi.StepState runState;
    private volatile int attempt = 1;

    TickStepContext(long tick, String stepId, Map<String, JsonNode> outputs, Llm llm, Memory memory, Path sandbox,
                    SystemMode mode, JsonNode settings) {
        this(tick, stepId, outputs, llm, memory, sandbox, mode, settings, null);
    }

    /** @param states every step's durable state, or null for none (then {@link #state()} throws) */
    TickStepContext(long tick, String stepId, Map<String, JsonNode> outputs, Llm llm, Memory memory, Path sandbox,
                    SystemMode mode, JsonNode settings, dev.tickguard.persist.StepStates states) {
        this.states = states;
        this.settings = settings;
        this.tick = tick;
        this.stepId = stepId;
        this.outputs = outputs;
        this.llm = llm;
        this.memory = memory;
        this.sandbox = sandbox;
        this.mode = mode;
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
        // The resilient client tags each request with this run's key (a header), so calls can be tied to runs.
        if (llm instanceof dev.tickguard.ollama.ResilientLlm r) {
            Llm l = runLlm;
            if (l == null) {
                l = r.forRun(runKey());
                runLlm = l;
            }
            return l;
        }
        return llm;
    }

    @Override
    public Memory memory() {
        // The database's memory keys this run's episodes with its run key, so a repeated run writes each once.
        if (memory instanceof dev.tickguard.memory.DbMemory db) {
            Memory m = runMemory;
            if (m == null) {
                m = db.forRun(runKey());
                runMemory = m;
            }
            return m;
        }
        return memory;
    }

    @Override
    public dev.tickguard.spi.StepState state() {
        if (states == null) {
            return StepContext.super.state();
        }
        dev.tickguard.spi.StepState s = runState;
        if (s == null) {
            synchronized (this) {
                s = runState;
                if (s == null) {
                    // Read when first asked for, on the step's thread: a step that keeps no state costs nothing.
                    s = states.forRun(stepId, tick, runKey(), this::cancelled);
                    runState = s;
                }
            }
        }
        return s;
    }

    @Override
    public Path sandbox() {
        try {
            return Files.createDirectories(sandbox);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create sandbox " + sandbox, e);
        }
    }

    @Override
    public SystemMode mode() {
        return mode;
    }

    @Override
    public JsonNode settings() {
        return settings;
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public void ranOn(String where) {
        ranOn = where;
    }

    /** Where the run ran if not here (a remote worker), else null. */
    String ranOn() {
        return ranOn;
    }

    @Override
    public void attempt(int n) {
        attempt = n;
    }

    /** Which delivery of a remote step's message gave the result (1 for a local step). */
    int attempt() {
        return attempt;
    }

    void armed(long deadline) {
        deadlineNanos = deadline;
    }

    void cancel() {
        cancelled = true;
    }
}
