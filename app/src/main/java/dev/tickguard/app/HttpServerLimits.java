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

    private HttpServerLimits() {
    }

    /** Sets the limits unless they are set already; idempotent, thread-safe. */
    public static synchronized void apply() {
        setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        setIfAbsent("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
