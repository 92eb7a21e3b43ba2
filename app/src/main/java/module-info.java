/** The Tickguard launcher: the JavaFX dashboard (default), the headless runner ({@code --headless}), the Ollama simulator, metrics. */
module dev.tickguard.app {
    requires dev.tickguard.core;
    requires java.logging;
    requires jdk.httpserver;
    requires javafx.controls;
    requires javafx.fxml;
    requires org.controlsfx.controls;

    exports dev.tickguard.app.simulator;
    // JavaFX creates the Application reflectively; FXML injects the views' @FXML fields.
    exports dev.tickguard.app.ui to javafx.graphics;
    opens dev.tickguard.app.ui to javafx.fxml;
}
