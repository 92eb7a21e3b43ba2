package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.StepContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** A configurable step for engine tests. */
final class FakeStep implements Step {
    interface Body {
        JsonNode run(StepContext ctx) throws Exception;
    }

    final String id;
    final Priority priority;
    final Phase phase;
    final int order;
    final Duration timeout;
    volatile Body body;
    volatile BiFunction<StepContext, Throwable, Optional<JsonNode>> fallback = (c, t) -> Optional.empty();
    volatile JsonNode safeDefault;
    /** When set, what {@link #safeDefault()} runs instead of returning the field (e.g. to throw). */
    volatile java.util.function.Supplier<JsonNode> safeDefaultBody;
    final AtomicInteger runs = new AtomicInteger();

    FakeStep(String id, Priority priority, Phase phase, int order, Duration timeout) {
        this.id = id;
        this.priority = priority;
        this.phase = phase;
        this.order = order;
        this.timeout = timeout;
        this.body = ctx -> text(id + "-ok");
        this.safeDefault = text(id + "-default");
    }

    static FakeStep seq(String id, Priority p, int order) {
        return new FakeStep(id, p, Phase.SEQUENTIAL, order, Duration.ofSeconds(10));
    }

    static FakeStep par(String id, Priority p) {
        return new FakeStep(id, p, Phase.PARALLEL, 0, Duration.ofSeconds(10));
    }

    static JsonNode text(String s) {
        return JsonNodeFactory.instance.textNode(s);
    }

    FakeStep failing() {
        body = ctx -> {
            throw new IllegalStateException(id + " broke");
        };
        return this;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Priority priority() {
        return priority;
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
    public JsonNode run(StepContext context) throws Exception {
        runs.incrementAndGet();
        return body.run(context);
    }

    @Override
    public Optional<JsonNode> fallback(StepContext context, Throwable failure) {
        return fallback.apply(context, failure);
    }

    @Override
    public JsonNode safeDefault() {
        java.util.function.Supplier<JsonNode> body = safeDefaultBody;
        return body != null ? body.get() : safeDefault;
    }
}
