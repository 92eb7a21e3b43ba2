package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 item 5: a step refused or failed at once (0 ms) is drawn, wide enough for its colour and its
 * C/K/D letter, and not hidden under the next bar; the detail strip follows the newest tick and forgets
 * what is gone.
 */
class TimelineShowsEveryStepTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private Stage stage;

    @BeforeEach
    void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private static StepRecord step(String id, Phase phase, long start, long ms, StepOutcome o, FallbackSource f,
                                   String error) {
        return new StepRecord(id, Priority.IMPORTANT, phase, start, ms, 3000, o,
                f == null ? null : StepCause.ERROR, f, error, false);
    }

    private static TickRecord tick(long n, List<StepRecord> steps) {
        return new TickRecord(n, T0.plusSeconds(n), 2000, SystemMode.NORMAL, false, null, null, TickCounts.of(steps),
                Map.of(), steps, 0);
    }

    private static List<StepRecord> steps(String refusedError) {
        return List.of(step("monologue", Phase.SEQUENTIAL, 0, 1000, StepOutcome.SUCCESS, null, null),
                step("goal_selection", Phase.SEQUENTIAL, 1000, 0, StepOutcome.FALLBACK, FallbackSource.CUSTOM,
                        refusedError),
                step("action", Phase.SEQUENTIAL, 1000, 900, StepOutcome.SUCCESS, null, null),
                step("curiosity", Phase.PARALLEL, 1900, 0, StepOutcome.FALLBACK, FallbackSource.DEFAULT, "refused"));
    }

    @Test
    void aZeroLengthFallbackIsDrawnWideEnoughForItsLetterAndBeforeTheNextBar() throws Exception {
        TimelineViewModel vm = new TimelineViewModel();
        TimelineCanvas canvas = fx(() -> {
            TimelineCanvas c = new TimelineCanvas(vm);
            StackPane root = new StackPane(c);
            stage.setScene(new Scene(root, 800, 300));
            stage.show();
            // Sized now, not at the next pulse: the primary stage may be showing already (an earlier test
            // class), and then show() lays nothing out.
            root.applyCss();
            root.layout();
            vm.apply(new TickEvent.TickFinished(T0, tick(1, steps("breaker ollama:chat is open"))));
            vm.endBatch();
            c.layout();
            c.draw();
            return c;
        });
        List<TimelineCanvas.Hit> hits = fx(canvas::hits);
        TimelineCanvas.Hit refused = hits.stream().filter(h -> h.step().id().equals("goal_selection")).findFirst().orElseThrow();
        TimelineCanvas.Hit next = hits.stream().filter(h -> h.step().id().equals("action")).findFirst().orElseThrow();
        TimelineCanvas.Hit parallel = hits.stream().filter(h -> h.step().id().equals("curiosity")).findFirst().orElseThrow();
        assertThat(refused.w()).isGreaterThanOrEqualTo(TimelineCanvas.MIN_BAR);
        assertThat(parallel.w()).isGreaterThanOrEqualTo(TimelineCanvas.MIN_BAR);
        assertThat(refused.x() + refused.w()).as("not hidden under the next bar").isLessThanOrEqualTo(next.x());
        // Its fallback colour is on screen, and its letter (dark pixels) inside it.
        WritableImage img = fx(() -> canvas.snapshot(null, null));
        int x0 = (int) Math.ceil(refused.x());
        int x1 = (int) Math.floor(refused.x() + refused.w()) - 1;
        boolean amber = false;
        boolean letter = false;
        for (int x = x0; x <= x1; x++) {
            for (int y = (int) refused.y(); y < refused.y() + refused.h(); y++) {
                Color c = img.getPixelReader().getColor(x, y);
                amber |= near(c, Palette.LIGHT.fallback());
                letter |= c.getBrightness() < 0.4;
            }
        }
        assertThat(amber).as("the fallback colour").isTrue();
        assertThat(letter).as("the C letter").isTrue();
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.05 && Math.abs(a.getGreen() - b.getGreen()) < 0.05
                && Math.abs(a.getBlue() - b.getBlue()) < 0.05;
    }

    @Test
    void theDetailStripFollowsTheNewestTickAndForgetsAnErrorThatIsGone() {
        TimelineViewModel vm = new TimelineViewModel();
        vm.apply(new TickEvent.TickFinished(T0, tick(1, steps("breaker ollama:chat is open"))));
        vm.select(1, "goal_selection");
        assertThat(vm.selectionErrorProperty().get()).isEqualTo("error: breaker ollama:chat is open");
        // The next tick: goal_selection succeeded. The strip shows it, not tick 1's red error.
        List<StepRecord> good = List.of(step("goal_selection", Phase.SEQUENTIAL, 0, 800, StepOutcome.SUCCESS, null, null));
        vm.apply(new TickEvent.TickFinished(T0, tick(2, good)));
        assertThat(vm.selectedTick()).isEqualTo(2);
        assertThat(vm.selectionTitleProperty().get()).startsWith("#2  goal_selection  SUCCESS");
        assertThat(vm.selectionErrorProperty().get()).isEmpty();
        // A selection on an older tick stays where the user put it.
        vm.select(1, "goal_selection");
        vm.apply(new TickEvent.TickFinished(T0, tick(3, good)));
        assertThat(vm.selectedTick()).isEqualTo(1);
    }

    @Test
    void aSelectionWhoseTickWasTrimmedAwayIsCleared() {
        TimelineViewModel vm = new TimelineViewModel();
        vm.apply(new TickEvent.TickFinished(T0, tick(1, steps("boom"))));
        vm.apply(new TickEvent.TickFinished(T0, tick(2, steps("boom"))));
        vm.select(1, "goal_selection");
        for (long n = 3; n < 3 + TimelineViewModel.CAPACITY + 100; n++) {
            vm.apply(new TickEvent.TickFinished(T0, tick(n, steps(null))));
        }
        assertThat(vm.selectedTick()).isEqualTo(-1);
        assertThat(vm.selectionErrorProperty().get()).isEmpty();
    }
}
