package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.LlmException;
import java.util.ArrayDeque;
import java.util.Deque;

/** An LLM that gives prepared answers in order: for checking how steps validate what they get. */
class ScriptedLlm implements Llm {
    final Deque<Object> answers = new ArrayDeque<>();

    ScriptedLlm answer(Object a) {
        answers.add(a);
        return this;
    }

    private Object next() throws LlmException {
        Object a = answers.poll();
        if (a == null) {
            throw new LlmException("no scripted answer left");
        }
        if (a instanceof LlmException e) {
            throw e;
        }
        if (a instanceof java.util.function.Supplier<?> atCallTime) {
            // Runs while the step waits for the model: lets a test change the world meanwhile.
            return atCallTime.get();
        }
        return a;
    }

    @Override
    public String chat(String system, String prompt) throws LlmException {
        return String.valueOf(next());
    }

    @Override
    public JsonNode chatJson(String system, String prompt, JsonNode schema) throws LlmException {
        try {
            return Json.MAPPER.readTree(String.valueOf(next()));
        } catch (java.io.IOException e) {
            throw new LlmException("not json", false, e);
        }
    }

    @Override
    public float[] embed(String text) throws LlmException {
        Object a = next();
        return (float[]) a;
    }
}
