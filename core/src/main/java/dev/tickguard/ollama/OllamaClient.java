package dev.tickguard.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Ollama's HTTP API over OkHttp and Jackson. No policies here (see {@link ResilientLlm}); every
 * failure is an {@link OllamaException} with its {@link OllamaException.Kind}.
 *
 * <p>Calls run on the caller's thread; interrupting the caller (a step's deadline) cancels the HTTP
 * call within a few milliseconds ({@link InterruptWatch}), since a blocked socket read does not
 * notice interrupts by itself. Streams have no whole-call timeout,
 * only the read timeout, which must cover a cold model load (Ollama sends nothing until the model
 * is loaded). Thread-safe.
 */
public final class OllamaClient implements AutoCloseable {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpUrl base;
    private final OkHttpClient http;

    /**
     * @param baseUrl e.g. {@code http://localhost:11434}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout the longest silence allowed on a connection (covers a model load)
     * @param interceptor an application interceptor (fault injection), or {@code null}
     */
    /** The header that names the step run a call is made for (its run key), e.g. {@code 42/monologue}. */
    public static final String RUN_KEY_HEADER = "X-Tickguard-Run";
    /** The run key of the step run making calls on this thread (set by {@link ResilientLlm#forRun}), or null. */
    static final ThreadLocal<String> RUN_KEY = new ThreadLocal<>();

    public OllamaClient(String baseUrl, Duration connectTimeout, Duration readTimeout, Interceptor interceptor) {
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: '" + baseUrl + "'");
        }
        this.base = parsed;
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(connectTimeout.plus(Duration.ofSeconds(10)))
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false);
        if (interceptor != null) {
            b.addInterceptor(interceptor);
        }
        this.http = b.build();
    }

    /** The server's base URL. */
    public String baseUrl() {
        String s = base.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code POST /api/chat} with {@code stream:false}. */
    public OllamaApi.ChatResponse chat(OllamaApi.ChatRequest request) throws OllamaException {
        OllamaApi.ChatRequest r = new OllamaApi.ChatRequest(request.model(), request.messages(), false,
                request.format(), request.options(), request.keepAlive());
        return call(post("api/chat", r), body -> parse(body.string(), OllamaApi.ChatResponse.class));
    }

    /**
     * {@code POST /api/chat} with {@code stream:true}: hands every line to {@code onChunk} and returns
     * the whole answer (all content joined, with the last line's {@code done_reason} and timings).
     *
     * @throws OllamaException STREAM_ERROR for an error line, STREAM_INCOMPLETE if no line says done
     */
    public OllamaApi.ChatResponse chatStream(OllamaApi.ChatRequest request, Consumer<OllamaApi.ChatResponse> onChunk)
            throws OllamaException {
        return chatStream(request, onChunk, null);
    }

    /**
     * As {@link #chatStream(OllamaApi.ChatRequest, Consumer)}, with a shorter longest silence for this
     * call ({@code null}: the client's read timeout): a pool moves on from a server that says nothing.
     */
    public OllamaApi.ChatResponse chatStream(OllamaApi.ChatRequest request, Consumer<OllamaApi.ChatResponse> onChunk,
                                             Duration readTimeout) throws OllamaException {
        OllamaApi.ChatRequest r = new OllamaApi.ChatRequest(request.model(), request.messages(), true,
                request.format(), request.options(), request.keepAlive());
        return call(post("api/chat", r), body -> readStream(body, onChunk), readTimeout);
    }

    /** {@code POST /api/embed}; {@code input} is one text or a list of texts. */
    public OllamaApi.EmbedResponse embed(OllamaApi.EmbedRequest request) throws OllamaException {
        return embed(request, null);
    }

    /** As {@link #embed(OllamaApi.EmbedRequest)}, with a shorter longest silence for this call ({@code null}: the client's). */
    public OllamaApi.EmbedResponse embed(OllamaApi.EmbedRequest request, Duration readTimeout) throws OllamaException {
        return call(post("api/embed", request), body -> parse(body.string(), OllamaApi.EmbedResponse.class), readTimeout);
    }

    /** {@code GET /api/version}. */
    public OllamaApi.Version version() throws OllamaException {
        return call(get("api/version"), body -> parse(body.string(), OllamaApi.Version.class));
    }

    /** {@code GET /api/tags}: the pulled models. */
    public OllamaApi.Tags tags() throws OllamaException {
        return call(get("api/tags"), body -> parse(body.string(), OllamaApi.Tags.class));
    }

    /** {@code GET /api/ps}: the loaded models. */
    public OllamaApi.Running ps() throws OllamaException {
        return call(get("api/ps"), body -> parse(body.string(), OllamaApi.Running.class));
    }

    private static OllamaApi.ChatResponse readStream(ResponseBody body, Consumer<OllamaApi.ChatResponse> onChunk)
            throws IOException {
        BufferedSource source = body.source();
        StringBuilder text = new StringBuilder();
        String line;
        // readUtf8Line reassembles lines across network chunks, however large the last line is.
        while ((line = source.readUtf8Line()) != null) {
            if (line.isBlank()) {
                continue;
            }
            StreamLine quick = onChunk == null ? StreamLine.scan(line) : null;
            if (quick != null && quick.error() == null && !quick.done()) {
                // Most lines carry one token: take its text without building the whole record.
                text.append(quick.content());
                continue;
            }
            OllamaApi.ChatResponse chunk = parse(line, OllamaApi.ChatResponse.class);
            if (chunk.error() != null) {
                throw new OllamaException(OllamaException.Kind.STREAM_ERROR, 200, "error in stream: " + chunk.error());
            }
            if (onChunk != null) {
                onChunk.accept(chunk);
            }
            text.append(chunk.text());
            if (chunk.done()) {
                return new OllamaApi.ChatResponse(chunk.model(), chunk.createdAt(),
                        new OllamaApi.Message("assistant", text.toString()), true, chunk.doneReason(),
                        chunk.totalDuration(), chunk.loadDuration(), chunk.promptEvalCount(),
                        chunk.promptEvalDuration(), chunk.evalCount(), chunk.evalDuration(), null);
            }
        }
        throw new OllamaException(OllamaException.Kind.STREAM_INCOMPLETE, 200,
                "stream ended without done:true after " + text.length() + " characters");
    }

    static <T> T parse(String text, Class<T> type) throws OllamaException {
        try {
            T value = JSON.readValue(text, type);
            if (value == null) {
                throw new OllamaException(OllamaException.Kind.MALFORMED, 200, "empty answer where "
                        + type.getSimpleName() + " was expected");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new OllamaException(OllamaException.Kind.MALFORMED, 200, "answer is not valid JSON: "
                    + abbreviate(text), e);
        }
    }

    private Request post(String path, Object body) throws OllamaException {
        try {
            byte[] json = JSON.writeValueAsBytes(body);
            Request.Builder b = new Request.Builder().url(base.resolve(path)).post(RequestBody.create(json, JSON_TYPE));
            String run = RUN_KEY.get();
            if (run != null) {
                b.header(RUN_KEY_HEADER, run);
            }
            return b.build();
        } catch (JsonProcessingException e) {
            throw new OllamaException(OllamaException.Kind.BAD_REQUEST, 0, "cannot encode request: " + e.getMessage(), e);
        }
    }

    private Request get(String path) {
        return new Request.Builder().url(base.resolve(path)).get().build();
    }

    /** Reads a successful body into a value. */
    private interface BodyReader<T> {
        T read(ResponseBody body) throws IOException;
    }

    private <T> T call(Request request, BodyReader<T> reader) throws OllamaException {
        return call(request, reader, null);
    }

    private <T> T call(Request request, BodyReader<T> reader, Duration readTimeout) throws OllamaException {
        // A client with another read timeout shares this one's connections and threads (OkHttp's newBuilder).
        OkHttpClient client = readTimeout == null || readTimeout.toMillis() >= http.readTimeoutMillis() ? http
                : http.newBuilder().readTimeout(readTimeout.isNegative() || readTimeout.isZero()
                ? Duration.ofMillis(1) : readTimeout).build();
        Call call = client.newCall(request);
        Thread caller = Thread.currentThread();
        if (caller.isInterrupted()) {
            throw new OllamaException(OllamaException.Kind.CANCELLED, 0, "call to " + request.url().encodedPath()
                    + " cancelled before it started");
        }
        // The call runs on this thread (no hand-off); the watch cancels it if this thread is interrupted.
        InterruptWatch.INSTANCE.watch(call, caller);
        try (Response response = call.execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful()) {
                throw httpError(response.code(), body.string());
            }
            return reader.read(body);
        } catch (OllamaException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (call.isCanceled() || caller.isInterrupted()) {
                throw new OllamaException(OllamaException.Kind.CANCELLED, 0, "call to " + request.url().encodedPath()
                        + " cancelled", e);
            }
            throw classify(e, false);
        } finally {
            InterruptWatch.INSTANCE.unwatch(call);
        }
    }

    private OllamaException classify(Throwable e, boolean cancelled) {
        if (cancelled) {
            return new OllamaException(OllamaException.Kind.CANCELLED, 0, "call cancelled", e);
        }
        if (e instanceof SocketTimeoutException || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
            return new OllamaException(OllamaException.Kind.TIMEOUT, 0, "no answer from " + baseUrl()
                    + " within the read timeout", e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return new OllamaException(OllamaException.Kind.CONNECT, 0, "cannot connect to " + baseUrl() + ": "
                    + e.getMessage(), e);
        }
        if (e instanceof IOException) {
            // Reset or closed connection, cut stream: the server went away mid-call.
            // No class name in the words (they reach the dashboard): "unexpected end of stream", not java.io.IOException.
            return new OllamaException(OllamaException.Kind.CONNECT, 0, "connection to " + baseUrl() + " broke off: "
                    + (e.getMessage() == null ? "no answer" : e.getMessage()), e);
        }
        return new OllamaException(OllamaException.Kind.MALFORMED, 0, String.valueOf(e), e);
    }

    /** Branches on the status, not the wording: Ollama words the same error differently per endpoint. */
    static OllamaException httpError(int status, String body) {
        String message = body;
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.hasNonNull("error")) {
                message = n.get("error").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // Not JSON: keep the raw text.
        }
        message = "HTTP " + status + ": " + abbreviate(message);
        OllamaException.Kind kind;
        if (status == 404) {
            kind = OllamaException.Kind.MODEL_NOT_FOUND;
        } else if (status == 503) {
            kind = OllamaException.Kind.BUSY;
        } else if (status >= 500) {
            kind = OllamaException.Kind.SERVER_ERROR;
        } else {
            kind = OllamaException.Kind.BAD_REQUEST;
        }
        return new OllamaException(kind, status, message);
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ');
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
