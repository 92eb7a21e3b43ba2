package dev.tickguard.ollama;

import dev.tickguard.config.OllamaEndpointSettings;
import dev.tickguard.config.OllamaSettings;
import dev.tickguard.config.OllamaStrategy;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.OllamaEndpointStatus;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.resilience.BreakerSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Several Ollama servers as one: the endpoints, and the routing rule that orders them for a call.
 *
 * <p>A call may go to an endpoint that serves its model ({@code models}, default all) and whose
 * breaker is not forced open. With {@link OllamaStrategy#LEAST_BUSY} they are tried in this order:
 * the model already loaded there (per {@code /api/ps}, refreshed in the background, and per the
 * endpoint's last answers; a swap into GPU memory costs seconds), then the fewest calls in flight,
 * then the greater weight, then the order listed. With {@link OllamaStrategy#ORDERED}, in the
 * order listed. Either way an endpoint whose last health check failed comes after the others. Which of them really takes the call is up to their breakers ({@link ResilientLlm}).
 *
 * <p>Breaker names: a pool of one keeps the single server's {@code ollama:chat} and
 * {@code ollama:embed} (so configs, dashboards and alerts written for one server keep working);
 * two or more endpoints have {@code ollama:<name>:chat} and {@code ollama:<name>:embed}.
 * Thread-safe.
 */
public final class OllamaPool implements AutoCloseable {
    private final List<OllamaEndpoint> endpoints;
    private final OllamaStrategy strategy;
    private ScheduledExecutorService refresher;

    public OllamaPool(List<OllamaEndpoint> endpoints, OllamaStrategy strategy) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one endpoint");
        }
        this.endpoints = List.copyOf(endpoints);
        this.strategy = strategy;
    }

    /** The breaker of {@code operation} on endpoint {@code name} in a pool of {@code size}. */
    public static String breakerName(String name, String operation, int size) {
        return size == 1 ? "ollama:" + operation : "ollama:" + name + ":" + operation;
    }

    /**
     * The pool the settings describe: per endpoint a client for calls, a probe with short timeouts,
     * both behind the endpoint's own fault injector, and its two breakers. With two or more endpoints
     * no single one's breaker counts for the mode: the pool is down only when none can serve
     * ({@link #cannotServe}).
     */
    public static OllamaPool create(OllamaSettings s, BreakerRegistry breakers, Duration probeReadTimeout) {
        List<OllamaEndpointSettings> list = s.pool();
        List<OllamaEndpoint> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            OllamaEndpointSettings e = list.get(i);
            FaultInjector faults = new FaultInjector();
            OllamaClient client = new OllamaClient(e.url(), s.connectTimeout(), s.readTimeout(), faults);
            OllamaClient probe = new OllamaClient(e.url(), Duration.ofSeconds(2), probeReadTimeout, faults);
            String chat = breakerName(e.name(), "chat", list.size());
            String embed = breakerName(e.name(), "embed", list.size());
            if (list.size() > 1) {
                breakers.countsForHealth(chat, false);
                breakers.countsForHealth(embed, false);
            }
            out.add(new OllamaEndpoint(e, i, client, probe, faults, breakers.get(chat), breakers.get(embed)));
        }
        return new OllamaPool(out, s.strategy());
    }

    /** The one server of {@code client} (the single-URL set-up), with the breakers {@code ollama:chat} and {@code ollama:embed}. */
    static OllamaPool single(OllamaClient client, BreakerRegistry breakers) {
        OllamaEndpointSettings e = new OllamaEndpointSettings(OllamaSettings.DEFAULT_ENDPOINT, client.baseUrl(), 1,
                List.of());
        return new OllamaPool(List.of(new OllamaEndpoint(e, 0, client, client, new FaultInjector(),
                breakers.get(breakerName(e.name(), "chat", 1)), breakers.get(breakerName(e.name(), "embed", 1)))),
                OllamaStrategy.LEAST_BUSY);
    }

    public List<OllamaEndpoint> endpoints() {
        return endpoints;
    }

    public OllamaStrategy strategy() {
        return strategy;
    }

    /** The endpoint named {@code name}, or null. */
    public OllamaEndpoint endpoint(String name) {
        for (OllamaEndpoint e : endpoints) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The endpoints that may take a call of {@code model}, best first, leaving out {@code excluded}
     * (those this call already tried) and those forced open.
     */
    List<OllamaEndpoint> route(String operation, String model, Collection<OllamaEndpoint> excluded) {
        int n = endpoints.size();
        if (n == 1) {
            OllamaEndpoint only = endpoints.get(0);
            return excluded.contains(only) || only.breaker(operation).isForcedOpen() ? List.of() : endpoints;
        }
        OllamaEndpoint[] picked = new OllamaEndpoint[n];
        long[] key = new long[n];
        int count = 0;
        for (OllamaEndpoint e : endpoints) {
            if (excluded.contains(e) || !e.settings().serves(model) || e.breaker(operation).isForcedOpen()) {
                continue;
            }
            // One number per endpoint, read once (in-flight counts move while we sort): smaller is better. An
            // endpoint whose health check fails comes last whatever the strategy: its breaker may still be
            // closed only because no call went there since it went down.
            long k = (e.healthy() ? 0L : 1L) << 61;
            k |= strategy == OllamaStrategy.ORDERED ? e.index()
                    : ((e.hasLoaded(model) ? 0L : 1L) << 60) | ((long) Math.min(e.inFlight(), 0xFFFFF) << 30)
                    | ((long) (1000 - e.settings().weight()) << 12) | e.index();
            // Insertion sort: a pool has a handful of endpoints.
            int j = count++;
            while (j > 0 && key[j - 1] > k) {
                key[j] = key[j - 1];
                picked[j] = picked[j - 1];
                j--;
            }
            key[j] = k;
            picked[j] = e;
        }
        return java.util.Arrays.asList(picked).subList(0, count);
    }

    /** The endpoints a call of {@code model} would try, best first (what {@link ResilientLlm} asks per call). */
    public List<OllamaEndpoint> candidates(String operation, String model) {
        return route(operation, model, List.of());
    }

    /**
     * Null if some endpoint can take a chat call of {@code model} (now or as a trial at the next
     * call); else a sentence naming every endpoint and why it cannot, for the mode's reason.
     */
    public String cannotServe(String model) {
        if (endpoints.size() == 1) {
            return null; // a pool of one is judged by its breaker, as a single server always was
        }
        List<String> why = new ArrayList<>();
        for (OllamaEndpoint e : endpoints) {
            if (!e.settings().serves(model)) {
                why.add(e.name() + " (does not serve " + model + ")");
                continue;
            }
            BreakerSnapshot b = e.breaker("chat").snapshot();
            if (b.state() == BreakerState.FORCED_OPEN) {
                why.add(e.name() + " (forced open by you: set " + b.name() + " to Auto to recover)");
            } else if (b.state() == BreakerState.OPEN && !b.readyToProbe()) {
                why.add(e.name() + " (breaker open, " + (b.remainingDelayMs() + 999) / 1000 + "s of cooldown left)");
            } else if (b.state() == BreakerState.HALF_OPEN) {
                why.add(e.name() + " (trial call out)");
            } else {
                return null;
            }
        }
        return "no Ollama endpoint can serve " + model + ": " + String.join(", ", why);
    }

    /** Every endpoint's reading, in the configured order. */
    public List<OllamaEndpointStatus> statuses() {
        List<OllamaEndpointStatus> out = new ArrayList<>(endpoints.size());
        for (OllamaEndpoint e : endpoints) {
            out.add(e.status());
        }
        return out;
    }

    /** Asks every endpoint now which models it has loaded. */
    public void refreshNow() {
        for (OllamaEndpoint e : endpoints) {
            e.refreshLoaded();
        }
    }

    /**
     * Refreshes the loaded models every {@code every} in the background, one daemon thread per
     * endpoint (an unreachable server's probe must not hold up the others'). A pool of one has no
     * choice to make and is not polled.
     */
    public synchronized void startRefreshing(Duration every) {
        if (refresher != null || endpoints.size() == 1) {
            return;
        }
        refresher = Executors.newScheduledThreadPool(endpoints.size(), r -> {
            Thread t = new Thread(r, "tickguard-ollama-ps");
            t.setDaemon(true);
            return t;
        });
        for (OllamaEndpoint e : endpoints) {
            refresher.scheduleWithFixedDelay(e::refreshLoaded, 0, Math.max(1, every.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
        for (OllamaEndpoint e : endpoints) {
            e.close();
        }
    }
}
