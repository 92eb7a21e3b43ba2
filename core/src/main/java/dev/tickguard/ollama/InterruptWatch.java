package dev.tickguard.ollama;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;

/**
 * Cancels in-flight HTTP calls whose calling thread has been interrupted. A thread blocked in a
 * socket read does not notice {@link Thread#interrupt()}, so one daemon thread looks every 5 ms
 * while calls are in flight (every 50 ms when idle): an interrupt cancels its call within 55 ms at
 * worst. Thread-safe.
 */
final class InterruptWatch {
    static final InterruptWatch INSTANCE = new InterruptWatch();
    /** How often in-flight calls are looked at: the worst-case delay between an interrupt and the cancel. */
    private static final long PERIOD_MS = 5;
    private static final long IDLE_PERIOD_MS = 50;

    private final Map<Call, Thread> calls = new ConcurrentHashMap<>();

    private Thread watcher;

    void watch(Call call, Thread caller) {
        calls.put(call, caller);
        synchronized (this) {
            if (watcher == null) {
                watcher = new Thread(this::loop, "tickguard-llm-interrupt-watch");
                watcher.setDaemon(true);
                watcher.start();
            }
        }
    }

    void unwatch(Call call) {
        calls.remove(call);
    }

    private void loop() {
        while (true) {
            try {
                // Idle it looks less often, and callers never wake it: starting a call costs nothing extra.
                Thread.sleep(calls.isEmpty() ? IDLE_PERIOD_MS : PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            calls.forEach((call, thread) -> {
                if (thread.isInterrupted()) {
                    call.cancel();
                }
            });
        }
    }
}
