/**
 * The Tickguard launcher: headless runner with stdin commands (and, later, the JavaFX dashboard),
 * the Ollama simulator, and the Prometheus endpoint. Front ends here use only the core's control API.
 */
module dev.tickguard.app {
    requires dev.tickguard.core;
    requires java.logging;
    // The simulator's HTTP server; also needed by the Prometheus exporter (an automatic module pulls in no JDK module).
    requires jdk.httpserver;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.exporter.httpserver;
    requires io.prometheus.metrics.instrumentation.jvm;

    exports dev.tickguard.app.simulator;
}
