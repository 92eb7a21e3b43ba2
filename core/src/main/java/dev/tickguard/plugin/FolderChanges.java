package dev.tickguard.plugin;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Tells the plugin registry when its folder changes, from the operating system's file change
 * notification (inotify on Linux), so an idle Tickguard does not wake up to poll the folder. The
 * registry still decides what changed and whether it has settled by looking at the folder itself;
 * this only says when to look. Thread-safe.
 */
final class FolderChanges implements AutoCloseable {
    private final WatchService service;
    private final Thread thread;

    private FolderChanges(WatchService service, Runnable onChange) {
        this.service = service;
        this.thread = new Thread(() -> loop(onChange), "tickguard-plugins-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Watches {@code dir} (which must exist) and runs {@code onChange} on a thread of its own after
     * every batch of changes, and once more if the folder itself goes away.
     *
     * @throws IOException if the folder cannot be watched (then the caller polls instead)
     */
    static FolderChanges watch(Path dir, Runnable onChange) throws IOException {
        WatchService service = FileSystems.getDefault().newWatchService();
        try {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        FolderChanges c = new FolderChanges(service, onChange);
        c.thread.start();
        return c;
    }

    private void loop(Runnable onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                key.pollEvents(); // what changed is read from the folder itself
                onChange.run();
                if (!key.reset()) {
                    return; // the folder is gone: the registry's slow safety-net look takes over
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: stop
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
