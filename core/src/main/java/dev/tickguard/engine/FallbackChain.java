package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.StepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The order in which a missing result is replaced: the step's own fallback, then its cached result
 * (if younger than the maximum age), then its safe default. The step's own code (its fallback, its
 * safe default) runs as a {@link PluginCall}: on a step thread under a deadline, abandoned if it
 * hangs; a link that throws anything (an {@code Error} too), hangs or returns nothing passes to the
 * next one, and is reported to the caller. Thread-safe.
 */
final class FallbackChain {
    private static final Logger LOG = Logger.getLogger(FallbackChain.class.getName());

    /** A result from the chain and the link that produced it. */
    record Resolved(JsonNode value, FallbackSource source) {
    }

    /** A link of the step's own code that failed: which one, what it threw, or the thread it left behind. */
    record LinkFailure(FallbackSource link, Throwable failure, String abandonedThread) {
        /** In the user's words, for the log. */
        String describe() {
            if (abandonedThread != null) {
                return "did not return by its deadline (thread " + abandonedThread + " left behind)";
            }
            return "threw " + failure; // read when caught (ReadFailure): never the plugin's own toString()
        }
    }

    /** Whether a step class has its own {@code fallback} (the interface's default has nothing to offer). */
    private static final ClassValue<Boolean> HAS_OWN_FALLBACK = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("fallback", StepContext.class, Throwable.class).getDeclaringClass() != Step.class;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return true;
            }
        }
    };

    private final ResultCache cache;
    private final Duration maxAge;
    private final Executor threads;
    private final AbandonedThreads abandoned;
    private final long graceNanos;

    /**
     * @param threads where the step's fallback code runs
     * @param abandoned counts a fallback thread left behind, like a step's
     * @param graceNanos how long fallback code interrupted at its deadline may take to return
     */
    FallbackChain(ResultCache cache, Duration maxAge, Executor threads, AbandonedThreads abandoned, long graceNanos) {
        this.cache = cache;
        this.maxAge = maxAge;
        this.threads = threads;
        this.abandoned = abandoned;
        this.graceNanos = graceNanos;
    }

    /**
     * Walks the chain; empty only if every link had nothing.
     *
     * @param deadlineNanos when the step's own fallback code must have answered ({@link System#nanoTime()} scale)
     * @param onFailure sees each link of the step's own code that threw or hung
     */
    Optional<Resolved> resolve(LoadedStep step, StepContext context, Throwable failure, Instant now, long deadlineNanos,
                               Consumer<LinkFailure> onFailure) {
        if (HAS_OWN_FALLBACK.get(DescribedStep.codeClass(step.step()))) {
            PluginCall.Outcome<Optional<JsonNode>> custom = call(step, () -> ownValue(step.step().fallback(context, ReadFailure.original(failure))),
                    deadlineNanos);
            if (custom.ok()) {
                Optional<JsonNode> v = custom.value();
                if (v != null && v.isPresent() && usable(v.get())) {
                    return Optional.of(new Resolved(v.get(), FallbackSource.CUSTOM));
                }
            } else {
                failed(step, new LinkFailure(FallbackSource.CUSTOM, custom.failure(), custom.abandonedThread()),
                        onFailure);
            }
        }
        Optional<ResultCache.Entry> cached = cache.fresh(step.id(), maxAge, now);
        if (cached.isPresent()) {
            return Optional.of(new Resolved(cached.get().value(), FallbackSource.CACHE));
        }
        // The safe default gets its own full grace even when the custom fallback used up the deadline.
        PluginCall.Outcome<JsonNode> d = call(step, () -> PluginNodes.own(step.step().safeDefault()),
                Math.max(deadlineNanos, System.nanoTime() + graceNanos));
        if (!d.ok()) {
            failed(step, new LinkFailure(FallbackSource.DEFAULT, d.failure(), d.abandonedThread()), onFailure);
        } else if (usable(d.value())) {
            return Optional.of(new Resolved(d.value(), FallbackSource.DEFAULT));
        } else {
            LOG.warning("safe default of step '" + step.id() + "' is empty");
        }
        return Optional.empty();
    }

    private <T> PluginCall.Outcome<T> call(LoadedStep step, java.util.concurrent.Callable<T> code, long deadlineNanos) {
        return PluginCall.run(code, threads, deadlineNanos, graceNanos, thread -> abandoned.abandoned(step.id()),
                () -> abandoned.returned(step.id()));
    }

    /** The custom fallback's value made Jackson's own, on the fallback's thread (see {@link PluginNodes}). */
    private static Optional<JsonNode> ownValue(Optional<JsonNode> v) throws java.io.IOException {
        return v == null || v.isEmpty() ? v : Optional.of(PluginNodes.own(v.get()));
    }

    private static void failed(LoadedStep step, LinkFailure f, Consumer<LinkFailure> onFailure) {
        onFailure.accept(f); // reported as an event (and so logged) by the caller
    }

    private static boolean usable(JsonNode n) {
        return n != null && !n.isMissingNode() && !n.isNull();
    }
}
