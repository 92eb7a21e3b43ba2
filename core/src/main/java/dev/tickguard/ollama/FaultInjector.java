package dev.tickguard.ollama;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Chaos for the LLM, as an OkHttp application interceptor: added latency (fixed or a range), a
 * failure rate (HTTP 500), a busy rate (HTTP 503), the server down (connection refused), hanging
 * calls, malformed JSON, and streams cut in the middle. Every knob can change while calls run;
 * all off by default. Thread-safe.
 */
public final class FaultInjector implements Interceptor {
    private static final MediaType JSON = MediaType.get("application/json");

    private volatile boolean down;
    private volatile long latencyLowMs;
    private volatile long latencyHighMs;
    private volatile double failRate;
    private volatile double busyRate;
    private volatile boolean hang;
    private volatile boolean malformed;
    private volatile boolean cutStream;

    public void down(boolean on) {
        down = on;
    }

    /** Adds a latency drawn uniformly from [low, high] ms to every call; 0, 0 switches it off. */
    public void latency(long lowMs, long highMs) {
        if (lowMs < 0 || highMs < lowMs) {
            throw new IllegalArgumentException("latency range must satisfy 0 <= low <= high, got " + lowMs + "-" + highMs);
        }
        latencyLowMs = lowMs;
        latencyHighMs = highMs;
    }

    public void failRate(double rate) {
        failRate = checkRate(rate);
    }

    public void busyRate(double rate) {
        busyRate = checkRate(rate);
    }

    /** Holds every call until the read timeout; switching it off lets held calls go on at once. */
    public void hang(boolean on) {
        hang = on;
    }

    public void malformed(boolean on) {
        malformed = on;
    }

    public void cutStream(boolean on) {
        cutStream = on;
    }

    /** Switches every fault off. */
    public void clear() {
        down = false;
        latencyLowMs = 0;
        latencyHighMs = 0;
        failRate = 0;
        busyRate = 0;
        hang = false;
        malformed = false;
        cutStream = false;
    }

    /** A short description of the faults that are on, e.g. {@code "down, latency 100-900ms"}, or "none". */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (down) {
            b.append("down, ");
        }
        if (latencyHighMs > 0) {
            b.append("latency ").append(latencyLowMs).append(latencyHighMs != latencyLowMs ? "-" + latencyHighMs : "")
                    .append("ms, ");
        }
        if (failRate > 0) {
            b.append("fail rate ").append(failRate).append(", ");
        }
        if (busyRate > 0) {
            b.append("busy rate ").append(busyRate).append(", ");
        }
        if (hang) {
            b.append("hang, ");
        }
        if (malformed) {
            b.append("malformed, ");
        }
        if (cutStream) {
            b.append("cut stream, ");
        }
        return b.length() == 0 ? "none" : b.substring(0, b.length() - 2);
    }

    private static double checkRate(double r) {
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException("rate must be between 0 and 1, got " + r);
        }
        return r;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (down) {
            throw new ConnectException("Failed to connect to " + chain.request().url().host() + ":"
                    + chain.request().url().port() + " (chaos: ollama-down)");
        }
        long hi = latencyHighMs;
        if (hi > 0) {
            long lo = latencyLowMs;
            long ms = lo == hi ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
            pause(chain, ms);
        }
        if (hang) {
            // Held until the read timeout, or until the hang is switched off: then the call goes on.
            long deadline = System.nanoTime() + chain.readTimeoutMillis() * 1_000_000L;
            while (hang && System.nanoTime() < deadline) {
                pause(chain, 10);
            }
            if (hang) {
                throw new SocketTimeoutException("timeout (chaos: hang)");
            }
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (busyRate > 0 && rnd.nextDouble() < busyRate) {
            return synthetic(chain, 503, "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}");
        }
        if (failRate > 0 && rnd.nextDouble() < failRate) {
            return synthetic(chain, 500, "{\"error\":\"llama runner process has terminated: exit status 2 (chaos)\"}");
        }
        Response response = chain.proceed(chain.request());
        if (!response.isSuccessful() || (!malformed && !cutStream)) {
            return response;
        }
        String body = response.body().string();
        String replaced;
        if (malformed) {
            replaced = "{\"model\": \"chaos\", \"message\": {\"content\": " + body.substring(0, Math.max(1, body.length() / 3));
        } else {
            // Keep whole lines up to the middle, drop the rest (and so the done:true line).
            String[] lines = body.split("\n");
            int keep = Math.max(0, lines.length / 2);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < keep && i < lines.length - 1; i++) {
                b.append(lines[i]).append('\n');
            }
            replaced = b.toString();
        }
        return response.newBuilder().body(ResponseBody.create(replaced, JSON)).build();
    }

    private static void pause(Chain chain, long ms) throws IOException {
        // Elapsed time against the total, not "now + ms" as a deadline: that overflows for huge delays
        // (which then added no latency at all).
        long start = System.nanoTime();
        long total = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ms);
        long elapsed;
        while ((elapsed = System.nanoTime() - start) < total) {
            if (chain.call().isCanceled()) {
                throw new IOException("Canceled");
            }
            try {
                Thread.sleep(Math.min(10, Math.max(1, (total - elapsed) / 1_000_000L)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private static Response synthetic(Chain chain, int code, String json) {
        return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(code)
                .message(code == 503 ? "Service Unavailable" : "Internal Server Error")
                .body(ResponseBody.create(json, JSON)).build();
    }
}
