import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The floor bench/idle-window compares the dashboard with (IDLE_BARE=1): a JavaFX window holding one
 * Label and nothing else, doing nothing. Whatever it costs idle, JavaFX and the display cost by themselves.
 * Run by the source launcher on the module path with the dashboard's JavaFX jars and JVM options.
 */
public class BareWindow extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("A bare JavaFX window: one Label, nothing else"), 400, 120));
        stage.setTitle("bare");
        stage.show();
    }

    public static void main(String[] args) {
        launch(BareWindow.class, args); // with its class: the source launcher's loader is not the one launch(args) looks in
    }
}
