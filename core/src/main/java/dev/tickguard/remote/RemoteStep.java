package dev.tickguard.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.LlmException;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.PluginContext;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.StepContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A step with {@code run_on: remote}: its {@link #run} sends the step to a worker and waits for the
 * reply, everything else (descriptors, fallback, safe default, start and close) is the local step's.
 * To the engine it is a step like any other, so the deadline, the step's breaker, the fallbacks, the
 * budgets and chaos all apply unchanged: a worker that does not answer in time is a timeout.
 *
 * <p>A failure of the broker is thrown as an {@link LlmException} refused by or failed at
 * {@code remote:broker}: a dependency's failure, counted by that breaker and not the step's own
 * (as an LLM failure is), so a broker outage does not open every remote step's breaker.
 */
public final class RemoteStep implements Step {
    /** Where the last remote run of a step ran, for the timeline and the journal. */
    public record Placement(String worker, String host, long delivery) {
    }

    private final Step local;
    private final Supplier<AgentLink> link;
    private final java.util.Map<String, Placement> placements;

    /**
     * @param link the agent's broker link, or a supplier of {@code null} when no {@code remote.broker} is configured
     * @param placements where each run key ran, filled on each reply
     */
    public RemoteStep(Step local, Supplier<AgentLink> link, java.util.Map<String, Placement> placements) {
        this.local = local;
        this.link = link;
        this.placements = placements;
    }

    /** The step this one sends away. */
    public Step local() {
        return local;
    }

    @Override
    public String id() {
        return local.id();
    }

    @Override
    public Priority priority() {
        return local.priority();
    }

    @Override
    public Phase phase() {
        return local.phase();
    }

    @Override
    public int order() {
        return local.order();
    }

    @Override
    public Duration timeout() {
        return local.timeout();
    }

    @Override
    public JsonNode run(StepContext context) throws Exception {
        AgentLink l = link.get();
        if (l == null) {
            throw LlmException.refused(AgentLink.BREAKER, "step '" + id() + "' has run_on: remote but no"
                    + " remote.broker is configured; not sent");
        }
        RemoteRun run = context instanceof RemoteRun r ? r : null;
        long deadline = run != null ? run.deadlineNanos() : Long.MAX_VALUE;
        if (deadline == Long.MAX_VALUE) {
            deadline = System.nanoTime() + timeout().toNanos();
        }
        long timeoutMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        String key = StepRequest.runKey(l.agentId(), context.tick(), id());
        StepRequest request = new StepRequest(l.agentId(), context.tick(), id(), key, 1,
                System.currentTimeMillis() + timeoutMs, timeoutMs, context.mode(), context.settings(),
                context.outputs());
        StepReply reply = l.call(request, deadline);
        placements.put(context.tick() + "/" + id(), new Placement(reply.worker(), reply.host(), reply.delivery()));
        if (run != null) {
            // The plugin's version as the worker ran it: a worker may have an older (or newer) build than the agent.
            run.ranOn("worker " + reply.worker() + " on " + reply.host()
                    + (reply.plugin() != null ? ", plugin " + reply.plugin() : "")
                    + (reply.delivery() > 1 ? " (attempt " + reply.delivery() + ")" : ""));
            run.attempt((int) Math.min(Integer.MAX_VALUE, reply.delivery()));
        }
        if (reply.failure() == null && reply.value() != null) {
            return reply.value();
        }
        String where = " (on worker " + reply.worker() + (reply.plugin() != null ? ", plugin " + reply.plugin() : "")
                + ")";
        throw switch (reply.failure() == null ? StepReply.Failure.ERROR : reply.failure()) {
            case LLM -> new LlmException(reply.error() + where, true, null);
            case LLM_REFUSED -> LlmException.refused(reply.refusedBy() == null ? "ollama:chat" : reply.refusedBy(),
                    reply.error() + where);
            default -> new RemoteFailure(reply.error() + where);
        };
    }

    /** A step's own failure on a worker: its message is shown as it is. */
    public static final class RemoteFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RemoteFailure(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a remote failure has no local stack worth keeping
        }
    }

    @Override
    public Optional<JsonNode> fallback(StepContext context, Throwable failure) {
        return local.fallback(context, failure);
    }

    @Override
    public JsonNode safeDefault() {
        return local.safeDefault();
    }

    @Override
    public void start(PluginContext context) throws Exception {
        local.start(context);
    }

    @Override
    public void close() throws Exception {
        local.close();
    }
}
