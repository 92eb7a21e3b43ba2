package dev.tickguard.ollama;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;

/**
 * Cancels in-flight HTTP calls whose calling thread has been interrupted. A thread blocked in a
 * socket read does not notice {@link Thread#interrupt()}, so one daemon thread looks every 5 ms
 * while calls are in flight: an interrupt cancels its call within about 5 ms. With no call in
 * flight it parks until the next call starts (an idle Tickguard must sleep); starting a call wakes
 * it only if it is parked. Thread-safe.
 *
 * <p>Threads: {@link #watch} is called by step threads making LLM calls; the watch itself runs on one
 * daemon thread per process, {@code tickguard-llm-interrupt-watch}, started by the first call.
 */
final class InterruptWatch {
    static final InterruptWatch INSTANCE = new InterruptWatch();
    /** How often in-flight calls are looked at: the worst-case delay between an interrupt and the cancel. */
    private static final long PERIOD_NANOS = 5_000_000;

    private final Map<Call, Thread> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean parked = new AtomicBoolean();
    private volatile Thread watcher;

    void watch(Call call, Thread caller) {
        calls.put(call, caller);
        Thread w = watcher;
        if (w == null) {
            synchronized (this) {
                if (watcher == null) {
                    w = new Thread(this::loop, "tickguard-llm-interrupt-watch");
                    w.setDaemon(true);
                    watcher = w;
                    w.start();
                }
                w = watcher;
            }
        }
        if (parked.get() && parked.compareAndSet(true, false)) {
            LockSupport.unpark(w);
        }
    }

    void unwatch(Call call) {
        calls.remove(call);
    }

    private void loop() {
        while (true) {
            if (calls.isEmpty()) {
                // Announce, then look again, so a call that started in between is never missed.
                parked.set(true);
                if (calls.isEmpty()) {
                    LockSupport.park(this);
                }
                parked.set(false);
                continue;
            }
            LockSupport.parkNanos(this, PERIOD_NANOS);
            calls.forEach((call, thread) -> {
                if (thread.isInterrupted()) {
                    call.cancel();
                }
            });
        }
    }
}
