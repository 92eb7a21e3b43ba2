package dev.tickguard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tickguard.control.ControlFixture.TestStep;
import dev.tickguard.events.EngineState;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every engine change made through the control API arrives as an EngineStateChanged, in order. */
class EngineStateEventsTest {
    @TempDir
    Path dir;

    @Test
    void startPauseIntervalResumeStopArePublished() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofHours(1), TestStep.seq("a", 1))) {
            List<TickEvent.EngineStateChanged> seen = new CopyOnWriteArrayList<>();
            ControlSubscription sub = f.control.subscribe(e -> {
                if (e.event() instanceof TickEvent.EngineStateChanged c) {
                    seen.add(c);
                }
            });
            assertThat(sub.snapshot().engine().state()).isEqualTo(EngineState.NEW);
            f.control.start();
            f.control.pause();
            f.control.setInterval(Duration.ofSeconds(5));
            f.control.resume();
            f.control.stop();
            await().until(() -> seen.size() == 5);
            assertThat(seen).extracting(TickEvent.EngineStateChanged::to).containsExactly(EngineState.RUNNING,
                    EngineState.PAUSED, EngineState.PAUSED, EngineState.RUNNING, EngineState.STOPPED);
            assertThat(seen.get(2).interval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(f.control.engine().state()).isEqualTo(EngineState.STOPPED);
            assertThat(f.control.snapshot().engine().interval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(f.control.histories().engineChanges()).extracting(Sequenced::seq).isSorted();
            assertThatThrownBy(() -> f.control.setInterval(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            sub.close();
            assertThat(sub.isOpen()).isFalse();
        }
    }
}
