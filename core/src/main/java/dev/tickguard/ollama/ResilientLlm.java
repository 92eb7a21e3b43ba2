package dev.tickguard.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.tickguard.bus.EventBus;
import dev.tickguard.config.OllamaSettings;
import dev.tickguard.events.TickEvent;
import dev.tickguard.health.HealthMonitor;
import dev.tickguard.events.BreakerState;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.resilience.BreakerSnapshot;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.LlmException;
import dev.tickguard.time.TimeSource;
import dev.tickguard.time.StepScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The steps' {@link Llm}: a pool of Ollama servers ({@link OllamaPool}; one with {@code ollama.url})
 * behind a breaker per endpoint and operation, retry with exponential backoff and jitter for
 * transient failures, failover between endpoints, and a rate limit.
 *
 * <p>One logical call: the pool orders the endpoints that may take it; the first whose breaker
 * gives a permit gets it. A failure there (connect error, 503, 5xx, a read timeout, a stream cut
 * midway, a missing model; never a 4xx of ours) is one failure for that endpoint's breaker, and the
 * call moves at once to the next endpoint, from the start (a partial stream is never returned).
 * Only the last endpoint that can take calls retries with backoff, as a single server always did
 * ({@code breaker( retry( rateLimit( call ) ) )}; a read timeout is never retried on the same
 * server, which would restart a model load). When every endpoint left is cooling down, the call
 * waits for the earliest to become ready to probe if that is before the step's deadline
 * ({@link StepScope}), else it fails at once with a cause that says so.
 *
 * <p>The step sees one call, published once as a {@link TickEvent.LlmCall} with the endpoint that
 * served it (or failed last) and those it failed over from. A call its caller gave up on (a step
 * interrupted at its deadline) is not a failure of Ollama and is not counted against the breaker.
 * Its latency goes to the health monitor. A missing model or an unreachable server is explained
 * once per change, not per call. Thread-safe.
 */
public final class ResilientLlm implements Llm {
    /** The chat breaker of a pool of one (the single {@code ollama.url}). */
    public static final String CHAT_BREAKER = "ollama:chat";
    /** The embed breaker of a pool of one. */
    public static final String EMBED_BREAKER = "ollama:embed";

    private final OllamaPool pool;
    private final OllamaSettings settings;
    private final EventBus bus;
    private final TimeSource time;
    /** The last endpoint left: retried with backoff. */
    private final FailsafeExecutor<Object> attempts;
    /** An endpoint with another behind it: one attempt, then fail over. */
    private final FailsafeExecutor<Object> once;
    /** The last problem explained per endpoint: each is explained once per change, not per call (nor in turns). */
    private final java.util.concurrent.ConcurrentHashMap<String, String> lastNotice = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile HealthMonitor health;

    /** One server: {@code client} with the breakers {@code ollama:chat} and {@code ollama:embed}. */
    public ResilientLlm(OllamaClient client, OllamaSettings settings, BreakerRegistry breakers, EventBus bus,
                        TimeSource time) {
        this(OllamaPool.single(client, breakers), settings, bus, time);
    }

    public ResilientLlm(OllamaPool pool, OllamaSettings settings, EventBus bus, TimeSource time) {
        this.pool = pool;
        this.settings = settings;
        this.bus = bus;
        this.time = time;
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handleIf(e -> e instanceof OllamaException oe && oe.kind().isTransient())
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withJitter(0.25)
                .withMaxRetries(settings.maxRetries())
                .build();
        RateLimiter<Object> limiter = rateLimiter(settings.rateLimitPerSec());
        this.attempts = Failsafe.with(retry).compose(limiter);
        this.once = Failsafe.with(limiter);
    }

    private static RateLimiter<Object> rateLimiter(double perSecond) {
        // Bursty: up to a second's worth of calls at once, then the configured rate.
        long permits = Math.max(1, (long) Math.ceil(perSecond));
        Duration period = Duration.ofNanos((long) (permits / perSecond * 1e9));
        return RateLimiter.burstyBuilder(permits, period).withMaxWaitTime(Duration.ofSeconds(30)).build();
    }

    /** Reports each call's latency to the health monitor from now on. */
    public void attach(HealthMonitor monitor) {
        this.health = monitor;
    }

    /** The client of the first endpoint (the only one with {@code ollama.url}). */
    public OllamaClient client() {
        return pool.endpoints().get(0).client();
    }

    /** The endpoints calls go to. */
    public OllamaPool pool() {
        return pool;
    }

    /**
     * This LLM as one step run sees it: each request carries the run's key in the
     * {@value OllamaClient#RUN_KEY_HEADER} header, so a server's or proxy's log ties calls to step runs
     * (and a test can count them per run: a restored step's call is never made again).
     */
    public Llm forRun(String runKey) {
        ResilientLlm self = this;
        return new Llm() {
            @Override
            public String chat(String system, String prompt) throws LlmException {
                String prev = OllamaClient.RUN_KEY.get();
                OllamaClient.RUN_KEY.set(runKey);
                try {
                    return self.chat(system, prompt);
                } finally {
                    OllamaClient.RUN_KEY.set(prev);
                }
            }

            @Override
            public JsonNode chatJson(String system, String prompt, JsonNode schema) throws LlmException {
                String prev = OllamaClient.RUN_KEY.get();
                OllamaClient.RUN_KEY.set(runKey);
                try {
                    return self.chatJson(system, prompt, schema);
                } finally {
                    OllamaClient.RUN_KEY.set(prev);
                }
            }

            @Override
            public float[] embed(String text) throws LlmException {
                String prev = OllamaClient.RUN_KEY.get();
                OllamaClient.RUN_KEY.set(runKey);
                try {
                    return self.embed(text);
                } finally {
                    OllamaClient.RUN_KEY.set(prev);
                }
            }
        };
    }

    @Override
    public String chat(String system, String prompt) throws LlmException {
        OllamaApi.ChatResponse r = chatCall(system, prompt, null);
        return r.text();
    }

    @Override
    public JsonNode chatJson(String system, String prompt, JsonNode schema) throws LlmException {
        OllamaApi.ChatResponse r = chatCall(system, prompt, schema != null ? schema : TextNode.valueOf("json"));
        try {
            JsonNode n = OllamaClient.JSON.readTree(r.text());
            if (n == null || !n.isObject()) {
                throw new LlmException("model answered JSON that is not an object: " + OllamaClient.abbreviate(r.text()));
            }
            return n;
        } catch (java.io.IOException e) {
            throw new LlmException("model answer is not valid JSON: " + OllamaClient.abbreviate(r.text()), false, e);
        }
    }

    @Override
    public float[] embed(String text) throws LlmException {
        OllamaApi.EmbedResponse r = (OllamaApi.EmbedResponse) guarded("embed", settings.embedModel(),
                (client, firstToken, silence) -> client.embed(new OllamaApi.EmbedRequest(settings.embedModel(), text,
                        settings.keepAlive()), silence));
        if (r.embeddings() == null || r.embeddings().isEmpty() || r.embeddings().get(0).length == 0) {
            throw new LlmException("embedding answer has no vector");
        }
        return r.embeddings().get(0);
    }

    private OllamaApi.ChatResponse chatCall(String system, String prompt, JsonNode format) throws LlmException {
        List<OllamaApi.Message> messages = system == null || system.isBlank()
                ? List.of(OllamaApi.Message.user(prompt))
                : List.of(OllamaApi.Message.system(system), OllamaApi.Message.user(prompt));
        OllamaApi.ChatRequest req = new OllamaApi.ChatRequest(settings.model(), messages, true, format, null,
                settings.keepAlive());
        return (OllamaApi.ChatResponse) guarded("chat", settings.model(),
                (client, firstToken, silence) -> client.chatStream(req,
                        chunk -> firstToken.compareAndSet(-1, time.nanoTime()), silence));
    }

    /** One LLM call on an endpoint's client; a streamed call sets {@code firstToken} to the nanoTime of its first chunk. */
    private interface Call {
        /** @param silence the longest silence allowed on this attempt, or null for the client's read timeout */
        Object run(OllamaClient client, AtomicLong firstToken, Duration silence) throws OllamaException;
    }

    /** How one logical call went so far: the endpoints it failed on, and why. */
    private static final class Trail {
        final List<OllamaEndpoint> tried = new ArrayList<>(2);
        final List<String> causes = new ArrayList<>(2);
        int attempts;

        List<String> names() {
            List<String> out = new ArrayList<>(tried.size());
            for (OllamaEndpoint e : tried) {
                out.add(e.name());
            }
            return out;
        }
    }

    private Object guarded(String operation, String model, Call call) throws LlmException {
        long t0 = time.nanoTime();
        Trail trail = new Trail();
        OllamaException last = null;
        while (true) {
            List<OllamaEndpoint> order = pool.route(operation, model, trail.tried);
            OllamaEndpoint ep = null;
            for (OllamaEndpoint candidate : order) {
                if (candidate.breaker(operation).tryAcquirePermit()) {
                    ep = candidate;
                    break;
                }
            }
            if (ep == null) {
                long waitNanos = cooldownToWait(order, operation);
                if (waitNanos >= 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(waitNanos);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failed(operation, model, t0, "cancelled while waiting for an endpoint's cooldown", trail, null);
                        throw new LlmException("cancelled while waiting for an Ollama endpoint's cooldown", false, e);
                    }
                    continue;
                }
                if (last != null) {
                    String msg = trail.causes.size() == 1 ? trail.causes.get(0)
                            : "every endpoint failed: " + String.join("; ", trail.causes);
                    failed(operation, model, t0, msg, trail, trail.tried.get(trail.tried.size() - 1));
                    throw new LlmException(msg, last.kind().isTransient(), last);
                }
                throw refusal(operation, model, t0, order);
            }
            Object result;
            long a0 = time.nanoTime();
            AtomicLong firstToken = new AtomicLong(-1);
            OllamaEndpoint chosen = ep;
            Breaker breaker = ep.breaker(operation);
            ep.started();
            try {
                // Only the last endpoint left retries: with another behind it, moving on is faster.
                boolean lastLeft = lastOneLeft(order, ep, operation);
                Duration silence = lastLeft ? null : silenceBeforeFailover(model, ep);
                result = (lastLeft ? attempts : once).get(ctx -> {
                    trail.attempts++;
                    firstToken.set(-1);
                    return call.run(chosen.client(), firstToken, silence);
                });
            } catch (RateLimitExceededException e) {
                ep.finished(ms(a0), false);
                breaker.recordFailure();
                trail.tried.add(ep);
                failed(operation, model, t0, "rate limit", trail, ep);
                throw new LlmException("LLM rate limit of " + settings.rateLimitPerSec() + "/s exceeded", true, e);
            } catch (FailsafeException e) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                boolean cancelledByCaller = c instanceof InterruptedException
                        || (c instanceof OllamaException oe && oe.kind() == OllamaException.Kind.CANCELLED)
                        || Thread.currentThread().isInterrupted();
                if (c instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (cancelledByCaller) {
                    // Not the breaker's failure (a model still loading must not open it), but the LLM's health:
                    // it did not answer in time, so a silent Ollama shows as DEGRADED within the tick, not at
                    // the next check run half a minute later.
                    ep.abandoned();
                    breaker.releaseCancelled();
                    HealthMonitor h = health;
                    if (h != null) {
                        h.reportLlmUnanswered(Duration.ofNanos(time.nanoTime() - t0));
                    }
                    String msg = c instanceof OllamaException oe ? oe.getMessage() : String.valueOf(c);
                    failed(operation, model, t0, msg, trail, ep);
                    throw new LlmException(msg, false, c);
                }
                ep.finished(ms(a0), false);
                breaker.recordFailure();
                trail.tried.add(ep);
                String msg = c instanceof OllamaException oe ? explain(oe, model, ep) : String.valueOf(c);
                trail.causes.add(pool.endpoints().size() == 1 ? msg : ep.name() + ": " + msg);
                if (!(c instanceof OllamaException oe) || !failsOver(oe) || StepScope.deadlineNanos() - System.nanoTime() <= 0) {
                    failed(operation, model, t0, msg, trail, ep);
                    throw new LlmException(msg, c instanceof OllamaException oe2 && oe2.kind().isTransient(), c);
                }
                last = oe;
                continue; // the next endpoint, from the start: a partial stream is dropped with its attempt
            } catch (RuntimeException | Error e) {
                ep.finished(ms(a0), false);
                breaker.recordFailure();
                trail.tried.add(ep);
                failed(operation, model, t0, String.valueOf(e), trail, ep);
                throw e;
            }
            ep.finished(ms(a0), true);
            breaker.recordSuccess();
            ep.answered(model);
            long ms = ms(t0);
            // Published when finished, so a call in flight never shows as a failure in the statistics.
            lastNotice.remove(ep.name());
            long ft = firstToken.get();
            bus.publish(new TickEvent.LlmCall(time.now(), operation, model, ms, true, null, false,
                    Math.max(0, trail.attempts - 1), ft < 0 ? -1 : (ft - t0) / 1_000_000, ep.name(), trail.names(),
                    StepScope.stepId(), StepScope.tick()));
            HealthMonitor h = health;
            if (h != null) {
                h.reportLlmLatency(Duration.ofMillis(ms));
            }
            return result;
        }
    }

    /**
     * True if no endpoint of {@code order} but {@code chosen} could take the call now: the others are
     * cooling down or have a trial out. Then {@code chosen} is retried with backoff, as a single server
     * is, instead of failing over to nothing.
     */
    private static boolean lastOneLeft(List<OllamaEndpoint> order, OllamaEndpoint chosen, String operation) {
        if (order.size() == 1) {
            return true;
        }
        for (OllamaEndpoint e : order) {
            if (e == chosen) {
                continue;
            }
            BreakerState s = e.breaker(operation).state();
            if (s == BreakerState.CLOSED || s == BreakerState.FORCED_CLOSED
                    || (s == BreakerState.OPEN && e.breaker(operation).snapshot().readyToProbe())) {
                return false;
            }
        }
        return true;
    }

    /**
     * With another endpoint to fail over to, the longest silence allowed on {@code ep} (its read timeout
     * for this attempt): half the time left before the step's deadline, so that the next endpoint has
     * the other half. Only when {@code ep} has the model loaded: a server loading a model is silent for
     * as long as the load takes, and the read timeout is set to cover that. Null (the client's read
     * timeout) outside a step or when the model may be loading.
     */
    private static Duration silenceBeforeFailover(String model, OllamaEndpoint ep) {
        long deadline = StepScope.deadlineNanos();
        if (deadline == Long.MAX_VALUE || !ep.hasLoaded(model)) {
            return null;
        }
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), (deadline - System.nanoTime()) / 2));
    }

    /** A 4xx is our request's fault and a cancel is the caller's: anything else may go better elsewhere. */
    private static boolean failsOver(OllamaException e) {
        return e.kind() != OllamaException.Kind.BAD_REQUEST && e.kind() != OllamaException.Kind.CANCELLED;
    }

    /**
     * How long to wait for the earliest of {@code order} to become ready to probe, or -1 if none is
     * cooling down or the wait would not end before the step's deadline (unknown outside a step: then
     * the call fails at once, as it always did).
     */
    private long cooldownToWait(List<OllamaEndpoint> order, String operation) {
        long deadline = StepScope.deadlineNanos();
        if (deadline == Long.MAX_VALUE) {
            return -1;
        }
        long earliest = Long.MAX_VALUE;
        for (OllamaEndpoint e : order) {
            BreakerSnapshot b = e.breaker(operation).snapshot();
            if (b.state() == BreakerState.OPEN) {
                earliest = Math.min(earliest, Math.max(0, b.remainingDelayMs()));
            }
        }
        if (earliest == Long.MAX_VALUE) {
            return -1;
        }
        // A millisecond past the delay (Failsafe counts in its own clock), and a margin to make the call itself.
        long wait = TimeUnit.MILLISECONDS.toNanos(earliest + 1);
        return System.nanoTime() + wait + COOLDOWN_MARGIN_NANOS - deadline < 0 ? wait : -1;
    }

    /** The least time a call should have left after waiting for a cooldown. */
    private static final long COOLDOWN_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** No endpoint would take the call, and none becomes ready in time: say which and why. */
    private LlmException refusal(String operation, String model, long t0, List<OllamaEndpoint> order) {
        List<OllamaEndpoint> all = pool.endpoints();
        if (all.size() == 1) {
            Breaker b = all.get(0).breaker(operation);
            String msg = "breaker " + b.name() + (b.isForcedOpen() ? " is forced open" : " is open");
            refused(operation, model, t0, msg, all.get(0).name());
            return LlmException.refused(b.name(), msg);
        }
        List<String> why = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (OllamaEndpoint e : all) {
            BreakerSnapshot b = e.breaker(operation).snapshot();
            names.add(b.name());
            if (!e.settings().serves(model)) {
                why.add(e.name() + " does not serve " + model);
            } else if (b.state() == BreakerState.FORCED_OPEN) {
                why.add(e.name() + " forced open");
            } else if (b.state() == BreakerState.HALF_OPEN) {
                why.add(e.name() + " has its trial call out");
            } else {
                why.add(e.name() + " cooling down (" + b.remainingDelayMs() + "ms left)");
            }
        }
        long deadline = StepScope.deadlineNanos();
        String when = deadline == Long.MAX_VALUE ? "" : order.isEmpty() ? ""
                : "; none is ready before the step's deadline in "
                + Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) + "ms";
        String msg = "every Ollama endpoint is cooling down: " + String.join(", ", why) + when;
        refused(operation, model, t0, msg, null);
        return LlmException.refused(String.join(",", names), msg);
    }

    private long ms(long since) {
        return (time.nanoTime() - since) / 1_000_000;
    }

    private void failed(String operation, String model, long t0, String error, Trail trail, OllamaEndpoint last) {
        // The endpoint that failed last is named apart from those the call moved on from.
        List<String> before = trail.names();
        if (last != null && !before.isEmpty() && before.get(before.size() - 1).equals(last.name())) {
            before = before.subList(0, before.size() - 1);
        }
        bus.publish(new TickEvent.LlmCall(time.now(), operation, model, ms(t0), false, error, false,
                Math.max(0, trail.attempts - 1), -1, last == null ? null : last.name(), before, StepScope.stepId(),
                StepScope.tick()));
    }

    /** A call its breakers refused: nothing was sent, so it is not counted as a call. */
    private void refused(String operation, String model, long t0, String error, String endpoint) {
        bus.publish(new TickEvent.LlmCall(time.now(), operation, model, ms(t0), false, error, true, 0, -1, endpoint,
                List.of(), StepScope.stepId(), StepScope.tick()));
    }

    /** Turns a failure into a message for the user, published once per distinct problem. */
    private String explain(OllamaException e, String model, OllamaEndpoint ep) {
        String url = ep.client().baseUrl();
        String notice = switch (e.kind()) {
            case MODEL_NOT_FOUND -> "model '" + model + "' not found at " + url + ": run `ollama pull " + model
                    + "`, or set ollama.model in config.yaml";
            case CONNECT -> e.chaos() != null ? "Ollama at " + url + " is cut off by the chaos fault " + e.chaos()
                    + " you set: remove it to recover; " + (pool.endpoints().size() == 1 ? "steps use their fallbacks meanwhile"
                    : "calls go to the other endpoints meanwhile")
                    : "Ollama is not reachable at " + url + " (" + e.getMessage() + "): start it with "
                    + "`ollama serve`, or run Tickguard with --simulator; "
                    + (pool.endpoints().size() == 1 ? "steps use their fallbacks meanwhile"
                    : "calls go to the other endpoints meanwhile");
            default -> null;
        };
        if (notice != null && !notice.equals(lastNotice.put(ep.name(), notice))) {
            bus.publish(new TickEvent.Notice(time.now(), "Ollama", notice));
        }
        // The full advice goes out once as a notice; each failed call carries the short cause.
        return e.getMessage();
    }
}
