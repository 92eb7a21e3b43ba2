package dev.tickguard.app;

/**
 * Time limits for the JDK's built-in HTTP server (the {@code /metrics} endpoint and the Ollama
 * simulator). Without them a client that sends a request line and headers but never finishes holds a
 * server thread forever, so ten such connections took {@code /metrics} down. The JDK reads these
 * limits once, when its first HTTP server is created, from system properties: {@link #apply()} must
 * run before that, and each class that creates a server calls it first. A value the user set on the
 * command line ({@code -Dsun.net.httpserver.maxReqTime=...}) is kept.
 */
public final class HttpServerLimits {
    /** Seconds a client may take to send a whole request. */
    static final String MAX_REQUEST_SECONDS = "5";
    /** Seconds a client may take to read a whole response (a scrape is a few kB). */
    static final String MAX_RESPONSE_SECONDS = "30";
    /**
     * How often the JDK's server looks for requests and responses over their limit: every 2.5 s rather
     * than its default 1 s. That look is a thread waking (issue 18: one of an idle window's steady
     * wake-ups with the simulator, or with {@code metrics.port}); a slow request is now cut off after
     * 5 to 7.5 s instead of 5 to 6 s, which still frees its thread.
     */
    static final String TIMER_MILLIS = "2500";

    private HttpServerLimits() {
    }

    /** Sets the limits unless they are set already; idempotent, thread-safe. */
    public static synchronized void apply() {
        setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        setIfAbsent("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
        setIfAbsent("sun.net.httpserver.timerMillis", TIMER_MILLIS);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
