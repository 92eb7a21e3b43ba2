package dev.tickguard.app.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in Ollama server on a free loopback port, speaking the same HTTP API: {@code /api/chat}
 * (streamed NDJSON or one object; free text, {@code "json"} or a JSON schema), {@code /api/embed},
 * {@code /api/version}, {@code /api/tags}, {@code /api/ps}, with Ollama's error shapes (404 for a
 * missing model, 400 for a bad request, 503 busy, 500 runner died).
 *
 * <p>Answers are deterministic for a seed and a prompt. Latency follows a simple model: a cold load
 * the first time a model is used (nothing is sent meanwhile, as with Ollama), a time to first
 * token, then a time per token. Fault knobs make it busy or failing on purpose. Thread-safe.
 *
 * <p>Threads: requests are served on a pool of 32 daemon threads {@code ollama-simulator-N}, which
 * sleep to model latency and end on {@link #close()}.
 */
public final class OllamaSimulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Stream lines must leave at once, as from Ollama: without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK stall every small write by ~40 ms. Read once, when the JDK server loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public static final String VERSION = "0.12.6-tickguard-simulator";

    /**
     * @param seed answers are a function of the seed and the request
     * @param coldLoad the first call of each model waits this long before sending anything
     * @param firstToken time to the first token of every answer
     * @param perToken time per further token
     * @param embedDimension length of every embedding
     * @param models the model names that are "pulled"
     */
    public record Settings(long seed, Duration coldLoad, Duration firstToken, Duration perToken, int embedDimension,
                           List<String> models) {
        /** A believable demo: 1.2 s cold load, 120 ms to the first token, 8 ms per token. */
        public static Settings demo(long seed) {
            return new Settings(seed, Duration.ofMillis(1200), Duration.ofMillis(120), Duration.ofMillis(8), 768,
                    List.of("llama3.2", "nomic-embed-text"));
        }

        /** No latency at all: for tests and overhead benchmarks. */
        public static Settings instant(long seed) {
            return new Settings(seed, Duration.ZERO, Duration.ZERO, Duration.ZERO, 768,
                    List.of("llama3.2", "nomic-embed-text"));
        }

        /** The same settings with other models. */
        public Settings withModels(List<String> names) {
            return new Settings(seed, coldLoad, firstToken, perToken, embedDimension, List.copyOf(names));
        }
    }

    private final Settings settings;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Instant> loaded = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, AtomicLong> requestsByRun = new ConcurrentHashMap<>();
    private volatile double failRate;
    private volatile double busyRate;

    private OllamaSimulator(Settings settings, HttpServer server, ExecutorService threads) {
        this.settings = settings;
        this.server = server;
        this.threads = threads;
    }

    /** Starts a simulator on a free port of 127.0.0.1. */
    public static OllamaSimulator start(Settings settings) throws IOException {
        dev.tickguard.app.HttpServerLimits.apply();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "ollama-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        OllamaSimulator sim = new OllamaSimulator(settings, server, threads);
        server.setExecutor(threads);
        server.createContext("/", sim::handle);
        server.start();
        return sim;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        InetSocketAddress a = server.getAddress();
        return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.get();
    }

    /**
     * Requests answered so far per step run (the {@code X-Tickguard-Run} header Tickguard sends: the
     * run key, e.g. {@code 42/monologue}); a copy.
     */
    public Map<String, Long> requestsByRun() {
        Map<String, Long> out = new java.util.TreeMap<>();
        requestsByRun.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Share of chat/embed requests answered with HTTP 500 (the runner died). */
    public void failRate(double rate) {
        failRate = rate;
    }

    /** Share of chat/embed requests answered with HTTP 503 (queue full). */
    public void busyRate(double rate) {
        busyRate = rate;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String run = ex.getRequestHeaders().getFirst(dev.tickguard.ollama.OllamaClient.RUN_KEY_HEADER);
        if (run != null) {
            requestsByRun.computeIfAbsent(run, k -> new AtomicLong()).incrementAndGet();
        }
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            switch (path) {
                case "/api/version" -> {
                    if (expect(ex, method, "GET")) {
                        send(ex, 200, JSON.createObjectNode().put("version", VERSION));
                    }
                }
                case "/api/tags" -> {
                    if (expect(ex, method, "GET")) {
                        send(ex, 200, tags());
                    }
                }
                case "/api/ps" -> {
                    if (expect(ex, method, "GET")) {
                        send(ex, 200, ps());
                    }
                }
                case "/api/chat" -> {
                    if (expect(ex, method, "POST")) {
                        chat(ex);
                    }
                }
                case "/api/embed" -> {
                    if (expect(ex, method, "POST")) {
                        embed(ex);
                    }
                }
                default -> sendText(ex, 404, "404 page not found");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (cancelled or timed out): nothing to answer.
        }
    }

    private static boolean expect(HttpExchange ex, String method, String wanted) throws IOException {
        if (!method.equals(wanted)) {
            sendText(ex, 405, "405 method not allowed");
            return false;
        }
        return true;
    }

    private ObjectNode tags() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        for (String m : settings.models()) {
            String name = m.contains(":") ? m : m + ":latest";
            models.addObject().put("name", name).put("model", name).put("modified_at", "2026-11-01T00:00:00Z")
                    .put("size", 2_019_393_189L).put("digest", Integer.toHexString(name.hashCode()) + "0000");
        }
        return root;
    }

    private ObjectNode ps() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        loaded.forEach((m, at) -> models.addObject().put("name", m).put("model", m).put("size", 3_000_000_000L)
                .put("size_vram", 0).put("expires_at", at.plus(Duration.ofMinutes(5)).toString()));
        return root;
    }

    private JsonNode readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            try {
                JsonNode n = JSON.readTree(bytes);
                return n != null && n.isObject() ? n : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** Checks the model and the fault knobs; answers and returns null when the request must fail. */
    private String admit(HttpExchange ex, JsonNode body) throws IOException, InterruptedException {
        if (body == null) {
            sendError(ex, 400, "invalid request body");
            return null;
        }
        String model = body.path("model").asText("");
        if (model.isEmpty()) {
            sendError(ex, 400, "model is required");
            return null;
        }
        String canonical = canonical(model);
        if (canonical == null) {
            sendError(ex, 404, "model \"" + model + "\" not found, try pulling it first");
            return null;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (busyRate > 0 && r.nextDouble() < busyRate) {
            sendError(ex, 503, "server busy, please try again.  maximum pending requests exceeded");
            return null;
        }
        if (failRate > 0 && r.nextDouble() < failRate) {
            sendError(ex, 500, "llama runner process has terminated: exit status 2");
            return null;
        }
        if (loaded.putIfAbsent(canonical, Instant.now()) == null) {
            sleep(settings.coldLoad());
        }
        return canonical;
    }

    private String canonical(String model) {
        for (String m : settings.models()) {
            String full = m.contains(":") ? m : m + ":latest";
            if (model.equals(m) || model.equals(full)) {
                return full;
            }
        }
        return null;
    }

    private void chat(HttpExchange ex) throws IOException, InterruptedException {
        JsonNode body = readBody(ex);
        if (body != null && !body.path("messages").isArray()) {
            sendError(ex, 400, "messages must be an array");
            return;
        }
        long t0 = System.nanoTime();
        String model = admit(ex, body);
        if (model == null) {
            return;
        }
        long loadNanos = System.nanoTime() - t0;
        StringBuilder prompt = new StringBuilder();
        for (JsonNode m : body.get("messages")) {
            prompt.append(m.path("content").asText()).append('\n');
        }
        Random r = SimulatedAnswers.random(settings.seed(), model + prompt);
        JsonNode format = body.get("format");
        String answer;
        if (format != null && format.isObject()) {
            answer = JSON.writeValueAsString(SimulatedAnswers.fromSchema(r, format, prompt.toString(), 0));
        } else if (format != null && "json".equals(format.asText())) {
            answer = JSON.writeValueAsString(SimulatedAnswers.anyJson(r, prompt.toString()));
        } else {
            answer = SimulatedAnswers.text(r, prompt.toString());
        }
        List<String> tokens = SimulatedAnswers.tokens(answer);
        boolean stream = body.path("stream").asBoolean(true);
        int promptTokens = Math.max(1, prompt.length() / 4);
        sleep(settings.firstToken());
        if (!stream) {
            sleep(settings.perToken().multipliedBy(Math.max(0, tokens.size() - 1)));
            ObjectNode done = chunk(model, answer, true);
            timings(done, t0, loadNanos, promptTokens, tokens.size());
            send(ex, 200, done);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        boolean paced = !settings.perToken().isZero();
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                sleep(settings.perToken());
            }
            out.write((JSON.writeValueAsString(chunk(model, tokens.get(i), false)) + "\n").getBytes(StandardCharsets.UTF_8));
            if (paced) {
                out.flush();
            }
        }
        ObjectNode done = chunk(model, "", true);
        timings(done, t0, loadNanos, promptTokens, tokens.size());
        out.write((JSON.writeValueAsString(done) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode chunk(String model, String content, boolean done) {
        ObjectNode n = JSON.createObjectNode();
        n.put("model", model);
        n.put("created_at", Instant.now().toString());
        n.putObject("message").put("role", "assistant").put("content", content);
        n.put("done", done);
        if (done) {
            n.put("done_reason", "stop");
        }
        return n;
    }

    private static void timings(ObjectNode n, long t0, long loadNanos, int promptTokens, int evalTokens) {
        long total = System.nanoTime() - t0;
        n.put("total_duration", total);
        n.put("load_duration", loadNanos);
        n.put("prompt_eval_count", promptTokens);
        n.put("prompt_eval_duration", Math.max(1, total / 10));
        n.put("eval_count", evalTokens);
        n.put("eval_duration", Math.max(1, total - loadNanos - total / 10));
    }

    private void embed(HttpExchange ex) throws IOException, InterruptedException {
        JsonNode body = readBody(ex);
        List<String> inputs = new ArrayList<>();
        if (body != null) {
            JsonNode in = body.get("input");
            if (in == null || in.isNull()) {
                sendError(ex, 400, "input is required");
                return;
            }
            if (in.isArray()) {
                in.forEach(i -> inputs.add(i.asText()));
            } else if (in.isTextual()) {
                inputs.add(in.asText());
            } else {
                sendError(ex, 400, "input must be a string or a list of strings");
                return;
            }
        }
        long t0 = System.nanoTime();
        String model = admit(ex, body);
        if (model == null) {
            return;
        }
        sleep(settings.firstToken());
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        ArrayNode embeddings = root.putArray("embeddings");
        for (String text : inputs) {
            ArrayNode v = embeddings.addArray();
            for (float f : SimulatedAnswers.embedding(text, settings.embedDimension())) {
                v.add(f);
            }
        }
        root.put("total_duration", System.nanoTime() - t0);
        root.put("load_duration", 0);
        root.put("prompt_eval_count", inputs.stream().mapToInt(s -> Math.max(1, s.length() / 4)).sum());
        send(ex, 200, root);
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        }
    }

    private static void sendError(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, JSON.createObjectNode().put("error", message));
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sendText(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
