package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.spi.StepContext;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The order in which a missing result is replaced: the step's own fallback, then its cached result
 * (if younger than the maximum age), then its safe default. A fallback that throws or returns
 * nothing passes to the next link. Thread-safe.
 */
final class FallbackChain {
    private static final Logger LOG = Logger.getLogger(FallbackChain.class.getName());

    /** A result from the chain and the link that produced it. */
    record Resolved(JsonNode value, FallbackSource source) {
    }

    private final ResultCache cache;
    private final Duration maxAge;

    FallbackChain(ResultCache cache, Duration maxAge) {
        this.cache = cache;
        this.maxAge = maxAge;
    }

    /** Walks the chain; empty only if every link had nothing. */
    Optional<Resolved> resolve(LoadedStep step, StepContext context, Throwable failure, java.time.Instant now) {
        try {
            Optional<JsonNode> custom = step.step().fallback(context, failure);
            if (custom != null && custom.isPresent() && usable(custom.get())) {
                return Optional.of(new Resolved(custom.get(), FallbackSource.CUSTOM));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "custom fallback of step '" + step.id() + "' failed: " + e);
        }
        Optional<ResultCache.Entry> cached = cache.fresh(step.id(), maxAge, now);
        if (cached.isPresent()) {
            return Optional.of(new Resolved(cached.get().value(), FallbackSource.CACHE));
        }
        try {
            JsonNode d = step.step().safeDefault();
            if (usable(d)) {
                return Optional.of(new Resolved(d, FallbackSource.DEFAULT));
            }
            LOG.warning("safe default of step '" + step.id() + "' is empty");
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "safe default of step '" + step.id() + "' failed: " + e);
        }
        return Optional.empty();
    }

    private static boolean usable(JsonNode n) {
        return n != null && !n.isMissingNode() && !n.isNull();
    }
}
