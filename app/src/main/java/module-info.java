/** The Tickguard launcher: the JavaFX dashboard (default) and the headless runner ({@code --headless}). */
module dev.tickguard.app {
    requires dev.tickguard.core;
    requires java.logging;
    requires javafx.controls;
    requires javafx.fxml;
    requires org.controlsfx.controls;

    // JavaFX creates the Application reflectively; FXML injects the views' @FXML fields.
    exports dev.tickguard.app.ui to javafx.graphics;
    opens dev.tickguard.app.ui to javafx.fxml;
}
