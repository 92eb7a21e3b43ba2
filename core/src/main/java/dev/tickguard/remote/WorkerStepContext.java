package dev.tickguard.remote;

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

/**
 * The {@link StepContext} a step gets on a worker: the same as in the agent, built from the message.
 * The outputs are the inputs the agent sent, the settings are the agent's, the run key is the
 * agent's (prefixed with the agent's id, so agents sharing a worker never share one), the LLM is the
 * worker's own resilient client, memory reads through the agent ({@link WorkerMemory}), and the
 * sandbox is the worker's folder for that agent and step ({@code <worker data>/sandbox/<agent>/<step>}).
 * The step's {@link #state()} is local only: the run starts from an empty state and what it writes
 * lasts for this run alone (the agent's database keeps a step's state; it is not sent over the broker),
 * said once per step in the worker's log.
 */
final class WorkerStepContext implements StepContext {
    private final StepRequest request;
    private final Llm llm;
    private final WorkerMemory memory;
    private final Path sandbox;
    private volatile boolean cancelled;
    private volatile dev.tickguard.spi.StepState state;
    /** The steps whose local-only state was already warned about (once per step, not per run). */
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    WorkerStepContext(StepRequest request, Llm llm, WorkerMemory memory, Path dataDir) {
        this.request = request;
        this.llm = llm;
        this.memory = memory;
        this.sandbox = dataDir.resolve("sandbox").resolve(request.agent()).resolve(request.step());
    }

    @Override
    public long tick() {
        return request.tick();
    }

    @Override
    public String stepId() {
        return request.step();
    }

    @Override
    public Optional<JsonNode> output(String stepId) {
        return Optional.ofNullable(request.inputs().get(stepId));
    }

    @Override
    public Map<String, JsonNode> outputs() {
        return request.inputs();
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
            throw new UncheckedIOException("cannot create sandbox " + sandbox, e);
        }
    }

    @Override
    public synchronized dev.tickguard.spi.StepState state() {
        if (state == null) {
            if (WARNED.add(request.step())) {
                java.util.logging.Logger.getLogger(WorkerStepContext.class.getName()).warning("[Worker] step '"
                        + request.step() + "' uses StepContext.state(), which is local only on a worker: each run "
                        + "starts empty and its writes are not kept; run it in the agent (steps." + request.step()
                        + ".run_on: local) to keep its state");
            }
            state = new dev.tickguard.spi.internal.MapStepState(request.step(), null);
        }
        return state;
    }

    @Override
    public JsonNode settings() {
        return request.settings();
    }

    @Override
    public String runKey() {
        return request.runKey();
    }

    @Override
    public SystemMode mode() {
        return request.mode();
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }
}
