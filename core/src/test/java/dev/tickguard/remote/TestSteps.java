package dev.tickguard.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.StepContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Steps for the remote tests: one class, so agent and worker load "the same plugin". */
final class TestSteps {
    private TestSteps() {
    }

    interface Body {
        JsonNode run(StepContext c) throws Exception;
    }

    /** A step whose run is given; its safe default is {@code "<id>-default"}. */
    static final class Fake implements Step {
        final String id;
        final Phase phase;
        final int order;
        final Duration timeout;
        final Body body;
        final AtomicInteger runs = new AtomicInteger();

        Fake(String id, Phase phase, int order, Duration timeout, Body body) {
            this.id = id;
            this.phase = phase;
            this.order = order;
            this.timeout = timeout;
            this.body = body;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Priority priority() {
            return Priority.IMPORTANT;
        }

        @Override
        public Phase phase() {
            return phase;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public Duration timeout() {
            return timeout;
        }

        @Override
        public JsonNode run(StepContext c) throws Exception {
            runs.incrementAndGet();
            return body.run(c);
        }

        @Override
        public JsonNode safeDefault() {
            return JsonNodeFactory.instance.textNode(id + "-default");
        }
    }

    /** The first step: a local one whose output the remote step reads. */
    static Fake first() {
        return new Fake("first", Phase.SEQUENTIAL, 1, Duration.ofSeconds(5),
                c -> JsonNodeFactory.instance.textNode("tick " + c.tick()));
    }

    /** Echoes the first step's output, its run key and the worker's sandbox folder name. */
    static Fake echo() {
        return new Fake("echo", Phase.SEQUENTIAL, 2, Duration.ofSeconds(10), c -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set("saw", c.output("first").orElse(JsonNodeFactory.instance.nullNode()));
            o.put("run_key", c.runKey());
            o.put("setting", c.settings().path("greeting").asText("none"));
            return o;
        });
    }

    static JsonNode text(String s) {
        return JsonNodeFactory.instance.textNode(s);
    }
}
