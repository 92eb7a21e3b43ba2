/**
 * The Tickguard launcher: the JavaFX dashboard (default), the headless runner ({@code --headless})
 * with stdin commands, the Ollama simulator, and the Prometheus endpoint. Front ends here use only
 * the core's control API.
 */
module dev.tickguard.app {
    requires dev.tickguard.core;
    // Only to choose where SQLite's native library is unpacked (SqliteLibrary); core owns the database.
    requires org.xerial.sqlitejdbc;
    requires java.logging;
    requires java.management; // NativeMemoryTrim: the JVM's System.trim_native_heap
    // The simulator's HTTP server; also needed by the Prometheus exporter (an automatic module pulls in no JDK module).
    requires jdk.httpserver;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.exporter.httpserver;
    requires io.prometheus.metrics.instrumentation.jvm;
    requires javafx.controls;
    requires javafx.fxml;
    requires org.controlsfx.controls;
    requires info.picocli;
    // The RabbitMQ client's SLF4J logging, into java.util.logging (resolved only if some module requires it).
    requires org.slf4j.jul;
    requires java.sql;
    // sun.misc.Signal: SIGTERM / SIGINT end the window in order (WindowSignals).
    requires jdk.unsupported;

    exports dev.tickguard.app.simulator;
    // picocli fills the commands' @Option fields reflectively.
    opens dev.tickguard.app to info.picocli;
    // JavaFX creates the Application reflectively; FXML injects the views' @FXML fields.
    exports dev.tickguard.app.ui to javafx.graphics;
    opens dev.tickguard.app.ui to javafx.fxml;
}
