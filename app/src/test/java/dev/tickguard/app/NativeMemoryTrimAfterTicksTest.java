package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 (memory): glibc kept 35-45 MB that native code had freed; the JVM's own periodic trim woke its
 * thread about twice a second while idle. The trim now follows ticks, at most every 30 s, and nothing else.
 */
class NativeMemoryTrimAfterTicksTest {
    private static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");

    @Test
    void trimsAfterATickAtMostEveryThirtySecondsAndNeverWithoutTicks() {
        ManualTime time = new ManualTime(T0);
        AtomicInteger calls = new AtomicInteger();
        NativeMemoryTrim trim = new NativeMemoryTrim(time, () -> "trimmed " + calls.incrementAndGet());

        trim.accept(new TickEvent.TickStarted(time.now(), 1, SystemMode.NORMAL));
        assertThat(calls).as("not on a tick's start").hasValue(0);
        trim.accept(new TickEvent.TickFinished(time.now(), null));
        assertThat(calls).as("after the first tick").hasValue(1);

        time.advance(Duration.ofSeconds(5));
        trim.accept(new TickEvent.TickFinished(time.now(), null));
        time.advance(Duration.ofSeconds(24));
        trim.accept(new TickEvent.TickSkipped(time.now(), null));
        assertThat(calls).as("ticks within 30 s of the last trim").hasValue(1);

        time.advance(Duration.ofSeconds(1));
        trim.accept(new TickEvent.TickSkipped(time.now(), null));
        assertThat(calls).as("30 s later").hasValue(2);
        assertThat(trim.trims()).isEqualTo(2);
    }

    @Test
    void aTrimThatCannotBeDoneStopsTryingWithoutFailingTheTick() {
        ManualTime time = new ManualTime(T0);
        AtomicInteger calls = new AtomicInteger();
        NativeMemoryTrim trim = new NativeMemoryTrim(time, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("no such command");
        });
        trim.accept(new TickEvent.TickFinished(time.now(), null));
        time.advance(Duration.ofMinutes(5));
        trim.accept(new TickEvent.TickFinished(time.now(), null));
        assertThat(calls).as("tried once").hasValue(1);
        assertThat(trim.trims()).isZero();
    }

    @Test
    void theJvmTrimsForRealOnLinux() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "glibc's trim is Linux only");
        NativeMemoryTrim trim = NativeMemoryTrim.create(new ManualTime(T0));
        trim.accept(new TickEvent.TickFinished(T0, null));
        assertThat(trim.trims()).as("the JVM's System.trim_native_heap ran").isEqualTo(1);
    }
}
