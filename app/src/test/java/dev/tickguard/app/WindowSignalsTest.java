package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What SIGTERM / SIGINT do to the window at each stage of its life ({@link WindowSignals}), without a real
 * signal or toolkit: the child-JVM runs are in {@link SignalStopsTheWindowQuietlyTest}.
 */
class WindowSignalsTest {
    private final AtomicInteger fxStops = new AtomicInteger();
    private final List<Integer> exits = new CopyOnWriteArrayList<>();

    private WindowSignals signals(long boundMs) {
        return new WindowSignals(fxStops::incrementAndGet, exits::add, boundMs);
    }

    private static BackgroundStart nothingToCreate() {
        BackgroundStart s = BackgroundStart.begin(() -> null);
        s.await();
        return s;
    }

    @Test
    void aSignalWhileTheToolkitStartsKeepsTheWindowFromShowing() {
        WindowSignals s = signals(60_000);
        BackgroundStart start = nothingToCreate();
        s.attach(start);
        s.onSignal("SIGTERM");
        assertThat(s.mayShow()).isFalse();
        assertThat(fxStops).hasValue(0); // the toolkit is not up: it ends itself when it sees mayShow() false
        assertThat(s.exitCode()).isEqualTo(143);
        assertThat(start.stopReason()).isEqualTo("stopped by SIGTERM");
        assertThat(exits).isEmpty();
    }

    @Test
    void aSignalWithTheWindowUpAsksTheFxThreadToEndItWithTheSignalAsTheReason() {
        WindowSignals s = signals(60_000);
        BackgroundStart start = nothingToCreate();
        s.attach(start);
        assertThat(s.mayShow()).isTrue();
        s.onSignal("SIGINT");
        assertThat(fxStops).hasValue(1);
        assertThat(s.exitCode()).isEqualTo(130);
        assertThat(start.stopReason()).isEqualTo("stopped by SIGINT");
        assertThat(exits).isEmpty();
    }

    @Test
    void aSignalBeforeTheLauncherBeganIsHandedToTheStartItBegins() {
        WindowSignals s = signals(60_000);
        s.onSignal("SIGTERM");
        assertThat(s.signal()).isEqualTo("SIGTERM");
        BackgroundStart start = nothingToCreate();
        s.attach(start);
        assertThat(start.stopReason()).isEqualTo("stopped by SIGTERM");
    }

    @Test
    void aSecondSignalStopsAtOnce() {
        WindowSignals s = signals(60_000);
        s.attach(nothingToCreate());
        s.mayShow();
        s.onSignal("SIGTERM");
        s.onSignal("SIGTERM");
        assertThat(exits).containsExactly(143);
        assertThat(fxStops).hasValue(1);
    }

    @Test
    void aWindowThatDoesNotEndWithinTheBoundIsLeftBehind() {
        WindowSignals s = signals(50); // the FX thread never ends the window here
        s.attach(nothingToCreate());
        s.mayShow();
        s.onSignal("SIGTERM");
        await().atMost(Duration.ofSeconds(30)).until(() -> !exits.isEmpty());
        assertThat(exits).containsExactly(143);
    }

    @Test
    void noSignalNoExitCode() {
        assertThat(signals(50).exitCode()).isEqualTo(-1);
    }
}
