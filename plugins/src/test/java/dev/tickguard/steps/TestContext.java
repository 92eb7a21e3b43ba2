package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.memory.FileMemory;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.Memory;
import dev.tickguard.spi.StepContext;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A hand-made {@link StepContext} for running one step outside the engine. */
final class TestContext implements StepContext {
    final Map<String, JsonNode> outputs = new LinkedHashMap<>();
    final Llm llm;
    final Memory memory;
    final Path sandbox;
    long tick = 1;
    String stepId = "test";

    TestContext(Llm llm, Path dir) {
        this.llm = llm;
        this.memory = new FileMemory(dir.resolve("memory"));
        this.sandbox = dir.resolve("sandbox");
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
        return sandbox;
    }

    @Override
    public SystemMode mode() {
        return SystemMode.NORMAL;
    }

    @Override
    public boolean cancelled() {
        return false;
    }
}
