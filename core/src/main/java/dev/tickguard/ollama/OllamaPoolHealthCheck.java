package dev.tickguard.ollama;

import dev.tickguard.health.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool's health check ({@code ollama}): probes every endpoint ({@link OllamaHealthCheck}), keeps
 * each one's words for its tile, and is unhealthy only when no endpoint is healthy, since any
 * healthy one takes the calls. Its detail names every endpoint that is not healthy.
 */
public final class OllamaPoolHealthCheck implements HealthCheck {
    private final OllamaPool pool;
    private final List<OllamaHealthCheck> checks = new ArrayList<>();

    public OllamaPoolHealthCheck(OllamaPool pool, String model, Duration latencyLimit) {
        this.pool = pool;
        for (OllamaEndpoint e : pool.endpoints()) {
            checks.add(new OllamaHealthCheck(e.probe(), model, latencyLimit));
        }
    }

    @Override
    public String name() {
        return "ollama";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public Reading check() {
        List<String> bad = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            OllamaEndpoint e = pool.endpoints().get(i);
            Reading r = checks.get(i).check();
            e.health(r.healthy(), r.detail());
            (r.healthy() ? good : bad).add(e.name() + ": " + r.detail());
        }
        if (pool.endpoints().size() == 1) {
            return bad.isEmpty() ? Reading.ok(strip(good.get(0))) : Reading.failing(strip(bad.get(0)));
        }
        if (good.isEmpty()) {
            return Reading.failing("no endpoint is healthy: " + String.join("; ", bad));
        }
        return Reading.ok(good.size() + " of " + checks.size() + " endpoints healthy"
                + (bad.isEmpty() ? "" : "; " + String.join("; ", bad)));
    }

    /** A pool of one reads as the single server always did, without its name. */
    private static String strip(String named) {
        return named.substring(named.indexOf(": ") + 2);
    }
}
