package dev.tickguard.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 17.6): ten half-open connections took /metrics down (the client's server waited
 * for them forever with a backlog of 3), and every scraper that hung up was logged at ERROR.
 */
class MetricsServerSurvivesBadClientsTest {
    private MetricsServer server;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger(MetricsServer.class.getName()).setLevel(Level.FINE);
    }

    /** Serves a registry of {@code series} samples (a real scrape is a few hundred). */
    private void start(int series) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        GaugeWithCallback.builder().name("wide").help("many series").labelNames("i").callback(cb -> {
            for (int i = 0; i < series; i++) {
                cb.call(i, "series-number-" + i);
            }
        }).register(registry);
        server = MetricsServer.start("127.0.0.1", 0, new MetricsHandler(registry));
    }

    @AfterEach
    void stop() throws Exception {
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger(MetricsServer.class.getName()).setLevel(null);
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Socket halfOpen() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        sockets.add(s);
        return s;
    }

    private int scrape() throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.port() + "/metrics").toURL()
                .openConnection();
        c.setConnectTimeout(30_000);
        c.setReadTimeout(30_000);
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    @Test
    void halfOpenConnectionsDoNotTakeTheEndpointDownAndAreCutOff() throws Exception {
        start(300);
        List<Socket> stuck = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // more than the 10 that took the old server down
            stuck.add(halfOpen());
        }

        assertThat(scrape()).isEqualTo(200);
        // The stuck connections are cut off by the request time limit, not kept forever.
        for (Socket s : stuck) {
            s.setSoTimeout(60_000);
            assertThat(closedByServer(s)).isTrue();
        }
    }

    /** True once the server has closed the connection (an end of stream, or a reset). */
    private static boolean closedByServer(Socket s) throws Exception {
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Test
    void manyConcurrentScrapesAllSucceed() throws Exception {
        start(300);
        List<Thread> threads = new ArrayList<>();
        List<Integer> codes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 100; i++) {
            Thread t = new Thread(() -> {
                try {
                    codes.add(scrape());
                } catch (Exception e) {
                    codes.add(-1);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(codes).hasSize(100).containsOnly(200);
    }

    @Test
    void aScraperThatHangsUpIsLoggedAtDebugNotError() throws Exception {
        // A body of about a megabyte, so a client that hangs up mid-response breaks the server's write.
        start(20_000);
        for (int i = 0; i < 5; i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                out.write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().read(); // the response has started
                s.setSoLinger(true, 0); // hang up with a reset
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> records.stream()
                .anyMatch(r -> String.valueOf(r.getMessage()).startsWith("metrics client went away")));
        assertThat(records).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
    }
}
