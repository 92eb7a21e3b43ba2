package dev.tickguard.plugin;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Decides when the registry looks at the plugins folder. With the operating system's change
 * notification (inotify on Linux) it looks at once when the folder changes, then every poll until
 * the folder has been quiet for {@link #SETTLE_POLLS} polls, and otherwise only every
 * {@link #IDLE_LOOK} as a safety net: an idle Tickguard does not wake up to poll. Without
 * notification (none asked for, no folder yet, no support) it looks every poll. What changed, and
 * whether it has settled, is read from the folder itself ({@link PluginFolder}); this only says when.
 *
 * <p>Thread-safe. The notification arrives on its own thread, {@code tickguard-plugins-watch},
 * started here and ended by {@link #close()} (or when the folder itself goes away); every look runs
 * on the plugin manager thread.
 */
final class FolderWatch implements AutoCloseable {
    /** The safety-net look while change notification works and nothing changes. */
    static final Duration IDLE_LOOK = Duration.ofSeconds(30);
    /** Quiet polls after a notification before only the safety net is left. */
    static final int SETTLE_POLLS = 3;
    private static final Logger LOG = Logger.getLogger(FolderWatch.class.getName());

    private final ManagerThread manager;
    private final Duration poll;
    private final Runnable look;
    /** {@code null} when the folder is polled. */
    private final WatchService service;
    /** When the folder last changed (nanoTime), by the watch thread. */
    private volatile long lastChangeNanos;
    /** True while a round of looks every poll is scheduled; starts and ends a round exactly once. */
    private final AtomicBoolean settling = new AtomicBoolean();

    private FolderWatch(ManagerThread manager, Duration poll, Runnable look, WatchService service) {
        this.manager = manager;
        this.poll = poll;
        this.look = look;
        this.service = service;
    }

    /**
     * Starts looking at {@code dir}: on change notification if {@code notified} and the folder can be
     * watched, else every {@code poll}.
     *
     * @param look what a look is; it is run on {@code manager}
     */
    static FolderWatch start(Path dir, boolean notified, Duration poll, ManagerThread manager, Runnable pass) {
        // A look that fails (a bug: plugin code is bounded and its failures are the plugin's) must neither
        // end the periodic looks (a scheduled task that throws is never run again) nor a settling round.
        java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable look = () -> {
            try {
                pass.run();
            } catch (RuntimeException | Error e) {
                // Once with its trace; a failure that repeats every poll must not flood the log.
                LOG.log(told.getAndSet(true) ? java.util.logging.Level.FINE : java.util.logging.Level.WARNING,
                        "a look at the plugins folder " + dir + " failed", e);
            }
        };
        if (notified) {
            try {
                WatchService service = register(dir);
                FolderWatch w = new FolderWatch(manager, poll, look, service);
                Thread t = new Thread(w::loop, "tickguard-plugins-watch");
                t.setDaemon(true);
                t.start();
                manager.every(IDLE_LOOK, look);
                return w;
            } catch (IOException | RuntimeException e) {
                LOG.fine("plugins folder " + dir + " is polled: " + e);
            }
        }
        manager.every(poll, look);
        return new FolderWatch(manager, poll, look, null);
    }

    private static WatchService register(Path dir) throws IOException {
        WatchService service = FileSystems.getDefault().newWatchService();
        try {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The watch thread: one call of {@link #changed()} per batch of changes, until closed. */
    private void loop() {
        try {
            while (true) {
                WatchKey key = service.take();
                key.pollEvents(); // what changed is read from the folder itself
                changed();
                if (!key.reset()) {
                    return; // the folder is gone: the safety-net look takes over
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: stop
        }
    }

    /** On the watch thread: look now, then every poll until the folder has been quiet for a while. */
    private void changed() {
        lastChangeNanos = System.nanoTime();
        if (settling.compareAndSet(false, true)) {
            manager.execute(this::settleStep);
        }
    }

    /** On the manager thread. */
    private void settleStep() {
        try {
            look.run();
        } finally {
            settleNext();
        }
    }

    private void settleNext() {
        if (System.nanoTime() - lastChangeNanos < poll.toNanos() * SETTLE_POLLS) {
            manager.after(poll, this::settleStep);
        } else {
            settling.set(false);
            // A change that arrived just as we stopped starts the next round.
            if (System.nanoTime() - lastChangeNanos < poll.toNanos() && settling.compareAndSet(false, true)) {
                manager.execute(this::settleStep);
            }
        }
    }

    /** Ends the watch thread; the scheduled looks end with the manager thread. */
    @Override
    public void close() {
        if (service == null) {
            return;
        }
        try {
            service.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
