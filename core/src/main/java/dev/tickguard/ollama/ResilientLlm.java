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
import dev.tickguard.resilience.Breaker;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.LlmException;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The steps' {@link Llm}: the Ollama client behind a breaker per operation ({@code ollama:chat},
 * {@code ollama:embed}), retry with exponential backoff and jitter for transient failures
 * (connect errors, 5xx, 503; never 4xx, never a read timeout, which would restart a model load),
 * and a rate limit.
 *
 * <p>Order: {@code breaker( retry( rateLimit( call ) ) )}. The breaker sees logical calls: one
 * call that failed after its retries is one failure (three HTTP 500s in one call do not open the
 * breaker for every step), and an open breaker refuses at once, without retrying. A call its
 * caller gave up on (a step interrupted at its deadline) is not a failure of Ollama and is not
 * counted against the breaker. Each call is published as an {@link TickEvent.LlmCall} (with its
 * retries, its time to first token, and whether the breaker refused it), from which the control API
 * keeps the statistics per endpoint; its latency goes to the health monitor. A missing model or an unreachable
 * server is explained once per change, not per call. Thread-safe.
 */
public final class ResilientLlm implements Llm {
    public static final String CHAT_BREAKER = "ollama:chat";
    public static final String EMBED_BREAKER = "ollama:embed";

    private final OllamaClient client;
    private final OllamaSettings settings;
    private final Breaker chatBreaker;
    private final Breaker embedBreaker;
    private final EventBus bus;
    private final TimeSource time;
    private final FailsafeExecutor<Object> attempts;
    private final AtomicReference<String> lastNotice = new AtomicReference<>("");
    private volatile HealthMonitor health;

    public ResilientLlm(OllamaClient client, OllamaSettings settings, BreakerRegistry breakers, EventBus bus,
                        TimeSource time) {
        this.client = client;
        this.settings = settings;
        this.bus = bus;
        this.time = time;
        this.chatBreaker = breakers.get(CHAT_BREAKER);
        this.embedBreaker = breakers.get(EMBED_BREAKER);
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handleIf(e -> e instanceof OllamaException oe && oe.kind().isTransient())
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withJitter(0.25)
                .withMaxRetries(settings.maxRetries())
                .build();
        RateLimiter<Object> limiter = rateLimiter(settings.rateLimitPerSec());
        this.attempts = Failsafe.with(retry).compose(limiter);
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

    /** The client underneath. */
    public OllamaClient client() {
        return client;
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
        OllamaApi.EmbedResponse r = (OllamaApi.EmbedResponse) guarded("embed", settings.embedModel(), embedBreaker,
                firstToken -> client.embed(new OllamaApi.EmbedRequest(settings.embedModel(), text,
                        settings.keepAlive())));
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
        return (OllamaApi.ChatResponse) guarded("chat", settings.model(), chatBreaker,
                firstToken -> client.chatStream(req, chunk -> firstToken.compareAndSet(-1, time.nanoTime())));
    }

    /** One LLM call; a streamed call sets {@code firstToken} to the nanoTime of its first chunk. */
    private interface Call {
        Object run(AtomicLong firstToken) throws OllamaException;
    }

    private Object guarded(String operation, String model, Breaker breaker, Call call) throws LlmException {
        long t0 = time.nanoTime();
        if (breaker.isForcedOpen()) {
            String msg = "breaker " + breaker.name() + " is forced open";
            refused(operation, model, t0, msg);
            throw LlmException.refused(breaker.name(), msg);
        }
        if (!breaker.tryAcquirePermit()) {
            String msg = "breaker " + breaker.name() + " is open";
            refused(operation, model, t0, msg);
            throw LlmException.refused(breaker.name(), msg);
        }
        AtomicLong firstToken = new AtomicLong(-1);
        AtomicInteger attemptCount = new AtomicInteger();
        Object result;
        try {
            result = attempts.get(ctx -> {
                attemptCount.set(ctx.getAttemptCount());
                firstToken.set(-1);
                return call.run(firstToken);
            });
        } catch (RateLimitExceededException e) {
            breaker.recordFailure();
            failed(operation, model, t0, "rate limit", attemptCount.get());
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
                breaker.releaseCancelled();
                HealthMonitor h = health;
                if (h != null) {
                    h.reportLlmUnanswered(Duration.ofNanos(time.nanoTime() - t0));
                }
            } else {
                breaker.recordFailure();
            }
            String msg = c instanceof OllamaException oe ? explain(oe, model) : String.valueOf(c);
            failed(operation, model, t0, msg, attemptCount.get());
            throw new LlmException(msg, c instanceof OllamaException oe && oe.kind().isTransient(), c);
        } catch (RuntimeException | Error e) {
            breaker.recordFailure();
            failed(operation, model, t0, String.valueOf(e), attemptCount.get());
            throw e;
        }
        breaker.recordSuccess();
        long ms = (time.nanoTime() - t0) / 1_000_000;
        // Published when finished, so a call in flight never shows as a failure in the statistics.
        lastNotice.set("");
        long ft = firstToken.get();
        bus.publish(new TickEvent.LlmCall(time.now(), operation, model, ms, true, null, false, attemptCount.get(),
                ft < 0 ? -1 : (ft - t0) / 1_000_000));
        HealthMonitor h = health;
        if (h != null) {
            h.reportLlmLatency(Duration.ofMillis(ms));
        }
        return result;
    }

    private void failed(String operation, String model, long t0, String error, int attempts) {
        long ms = (time.nanoTime() - t0) / 1_000_000;
        bus.publish(new TickEvent.LlmCall(time.now(), operation, model, ms, false, error, false, attempts, -1));
    }

    /** A call its breaker refused: nothing was sent, so it is not counted as a call. */
    private void refused(String operation, String model, long t0, String error) {
        long ms = (time.nanoTime() - t0) / 1_000_000;
        bus.publish(new TickEvent.LlmCall(time.now(), operation, model, ms, false, error, true, 0, -1));
    }

    /** Turns a failure into a message for the user, published once per distinct problem. */
    private String explain(OllamaException e, String model) {
        String url = client.baseUrl();
        String notice = switch (e.kind()) {
            case MODEL_NOT_FOUND -> "model '" + model + "' not found at " + url + ": run `ollama pull " + model
                    + "`, or set ollama.model in config.yaml";
            case CONNECT -> "Ollama is not reachable at " + url + " (" + e.getMessage() + "): start it with "
                    + "`ollama serve`, or run Tickguard with --simulator; steps use their fallbacks meanwhile";
            default -> null;
        };
        if (notice != null && !notice.equals(lastNotice.getAndSet(notice))) {
            bus.publish(new TickEvent.Notice(time.now(), "Ollama", notice));
        }
        // The full advice goes out once as a notice; each failed call carries the short cause.
        return e.getMessage();
    }
}
