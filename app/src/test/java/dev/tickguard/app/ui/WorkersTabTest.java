package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.PoisonMessage;
import dev.tickguard.events.RemoteStats;
import dev.tickguard.events.WorkerInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Workers tab on Monocle: two workers (one gone), a poison message and the broker line, in words. */
class WorkersTabTest {
    private static final Instant NOW = Instant.parse("2026-12-06T22:00:00Z");
    private final FxRobot robot = new FxRobot();
    private Stage stage;

    @BeforeEach
    void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @Test
    void twoWorkersOneGoneAndAPoisonMessageAreShown() throws Exception {
        FakeControl control = new FakeControl();
        control.workers = List.of(
                new WorkerInfo("gpu-1", "gpu-box", "0.1.0", "default", Map.of("built-in", "0.1.0", "weather", "1.2"),
                        List.of("goal_selection", "monologue"), 2, 1, 40, 2, 0, NOW.minusSeconds(1), 5_000, true, false),
                new WorkerInfo("gpu-2", "gpu-box", "0.1.0", "default", Map.of("built-in", "0.1.0"),
                        List.of("monologue"), 1, 0, 7, 0, 1, NOW.minusSeconds(30), 5_000, false, false));
        control.poison = List.of(new PoisonMessage(NOW, "ab12:7/monologue", "monologue",
                "delivered 4 times and never finished", 4));
        control.remote = new RemoteStats("amqp://guest:***@127.0.0.1:5673", true, 3, 1.2, 4.5, 47, 1, 0, 0, 0, 1, 1, 1);
        WorkersViewModel vm = new WorkersViewModel(control, Clock.fixed(NOW, ZoneOffset.UTC));
        WaitForAsyncUtils.asyncFx(() -> {
            FXMLLoader loader = new FXMLLoader(WorkersView.class.getResource("Workers.fxml"));
            loader.setControllerFactory(t -> new WorkersView(vm));
            Parent root = loader.load();
            stage.setScene(new Scene(root, 1200, 400));
            stage.show();
            vm.refresh();
            return root;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> table = robot.lookup("#workers-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(2);
        WorkersViewModel.Row first = (WorkersViewModel.Row) table.getItems().get(0);
        assertThat(first.state()).isEqualTo("alive");
        assertThat(first.inFlight()).isEqualTo("1 / 2");
        assertThat(first.steps()).isEqualTo("goal_selection, monologue");
        assertThat(first.plugins()).contains("weather 1.2");
        assertThat(first.lastHeartbeat()).endsWith("(1 s ago)");
        assertThat(((WorkersViewModel.Row) table.getItems().get(1)).state()).isEqualTo("gone");
        assertThat(robot.lookup("#poison-table").queryAs(TableView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#workers-summary").queryAs(Label.class).getText())
                .contains("connected").contains("queue 3").contains("p50 1.2 ms").contains("workers alive 1")
                .doesNotContain("guest:guest");
    }

    @Test
    void withoutABrokerTheTabSaysHowToGetOne() {
        WorkersViewModel vm = new WorkersViewModel(new FakeControl(), Clock.fixed(NOW, ZoneOffset.UTC));
        vm.refresh();
        assertThat(vm.summaryProperty().get()).contains("remote.broker").contains("run_on: remote");
        assertThat(vm.rows()).isEmpty();
    }
}
