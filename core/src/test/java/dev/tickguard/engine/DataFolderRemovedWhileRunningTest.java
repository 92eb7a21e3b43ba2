package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.EventBus;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 17 hostile pass D4): {@code rm -rf <data>} while Tickguard ran went unnoticed: the
 * records went into deleted files and a second Tickguard could start on the new folder. Now the next
 * health check sees that the folder is no longer the one opened, says so, and the system goes to
 * EMERGENCY: ticks are skipped, naming the reason.
 */
class DataFolderRemovedWhileRunningTest {
    @TempDir
    Path dir;

    @Test
    void removingTheDataFolderIsNoticedAndStopsTheTicks() throws Exception {
        Path data = dir.resolve("data");
        FakeStep step = FakeStep.seq("only", Priority.CRITICAL, 1);
        TickEngineBuilder b = TickEngine.builder(Engines.config(data)).time(TimeSource.system()).bus(new EventBus());
        b.step(step, "test");
        try (TickEngine engine = b.build()) {
            engine.health().runChecks();
            assertThat(engine.runTick().skipped()).isFalse();
            try (Stream<Path> s = Files.walk(data)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            Files.createDirectories(data); // what a second Tickguard (or the user) would do next
            engine.health().runChecks();
            assertThat(engine.health().mode()).isEqualTo(SystemMode.EMERGENCY);
            assertThat(engine.health().reason()).contains("the data folder " + data + " was replaced while Tickguard ran");
            assertThat(engine.runTick().skipReason()).contains("restart Tickguard");
        }
    }
}
