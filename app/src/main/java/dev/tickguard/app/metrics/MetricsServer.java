package dev.tickguard.app.metrics;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.tickguard.app.HttpServerLimits;
import io.prometheus.metrics.exporter.httpserver.DefaultHandler;
import io.prometheus.metrics.exporter.httpserver.HealthyHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The HTTP server behind {@code /metrics}: the JDK's server with the Prometheus client's handlers,
 * built here rather than by the client's {@code HTTPServer} because that one cannot be bounded: it
 * listens with a backlog of 3 and waits for a slow client forever, so ten half-open connections
 * took it down and 200 concurrent scrapes were reset. What is still not guaranteed: a client that
 * keeps more than {@link #THREADS} half-open connections open holds every thread, and a scrape
 * queued behind them can be cut off by the same request time limit (JDK's server counts it from
 * the connection's accept). Here a request must arrive within
 * {@link HttpServerLimits} (else its connection is closed), up to {@link #BACKLOG} connections wait
 * to be accepted, and scrapes are served by {@link #THREADS} daemon threads {@code tickguard-metrics-N}
 * (made when needed, ended after a minute idle) from a queue of {@link #QUEUE}. A scrape reads only the registry, never the engine's locks.
 *
 * <p>Thread-safe; started and closed by {@link PrometheusEndpoint}.
 */
final class MetricsServer implements AutoCloseable {
    static final int BACKLOG = 128;
    static final int THREADS = 64;
    static final int QUEUE = 1024;

    private static final Logger LOG = Logger.getLogger(MetricsServer.class.getName());
    /**
     * The Prometheus client logs a scraper that hung up mid-response (a broken pipe, a reset) as
     * SEVERE; that is the client's business, not an error of Tickguard's: it is logged at DEBUG here.
     * Kept in a field because java.util.logging holds loggers weakly (a collected one loses its filter).
     */
    private static final Logger SCRAPE_LOG = Logger.getLogger(
            "io.prometheus.metrics.exporter.httpserver.HttpExchangeAdapter");

    static {
        SCRAPE_LOG.setFilter(r -> {
            if (r.getThrown() instanceof IOException e) {
                LOG.fine(() -> "metrics client went away: " + e.getMessage());
                return false;
            }
            return true;
        });
    }

    private final HttpServer server;
    private final ThreadPoolExecutor threads;

    private MetricsServer(HttpServer server, ThreadPoolExecutor threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Binds {@code host:port} (0 = any free port) and serves {@code /metrics}, {@code /-/healthy} and an index at {@code /}. */
    static MetricsServer start(String host, int port, HttpHandler metrics) throws IOException {
        HttpServerLimits.apply();
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
        AtomicInteger n = new AtomicInteger();
        // A full queue is not expected (stuck clients are cut off by the request time limit); if it
        // happens the JDK server closes that connection, and the others go on.
        ThreadPoolExecutor threads = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "tickguard-metrics-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        threads.allowCoreThreadTimeOut(true);
        server.setExecutor(threads);
        server.createContext("/metrics", metrics);
        server.createContext("/-/healthy", new HealthyHandler());
        server.createContext("/", new DefaultHandler("/metrics"));
        server.start();
        return new MetricsServer(server, threads);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
