package dev.tickguard.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.events.EngineState;
import dev.tickguard.events.TickEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Regression (issue 18.6): chaos, pause and interval changes were not in the log. */
class EveryUserActionIsLoggedTest {
    @Test
    void chaosPauseResumeAndIntervalChangesAreLogged() {
        Logger logger = Logger.getLogger("dev.tickguard.test.actions");
        logger.setUseParentHandlers(false);
        List<String> lines = new CopyOnWriteArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        TickLog log = new TickLog(logger, null);
        Chaos fail = Chaos.stepFail("action", Chaos.Trigger.ALWAYS);
        log.accept(new TickEvent.ChaosChanged(Instant.EPOCH, TickEvent.ChaosChanged.Action.ADDED, fail, List.of(fail)));
        log.accept(new TickEvent.EngineStateChanged(Instant.EPOCH, EngineState.RUNNING, EngineState.PAUSED,
                Duration.ofSeconds(60)));
        log.accept(new TickEvent.EngineStateChanged(Instant.EPOCH, EngineState.PAUSED, EngineState.PAUSED,
                Duration.ofSeconds(5)));
        log.accept(new TickEvent.ChaosChanged(Instant.EPOCH, TickEvent.ChaosChanged.Action.CLEARED, null, List.of()));

        assertThat(lines).containsExactly("[Chaos] added fail:action; active: fail:action", "[Tickguard] running -> paused",
                "[Tickguard] interval set to 5s", "[Chaos] cleared; active: none");
    }
}
