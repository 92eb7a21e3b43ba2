package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One Tickguard per data folder: an exclusive OS lock ({@link FileChannel#tryLock()}) on
 * {@code <data>/tickguard.lock}, held until {@link #close()} or the process ends. The operating
 * system releases it when the process dies, however it dies, so a lock file left by a killed
 * Tickguard never blocks the next start: its content (PID and start time of the holder) is only
 * there to name the holder in the refusal, and is rewritten by each new holder.
 */
public final class DataFolderLock implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the data folder's lock, or refuses.
     *
     * @throws DataFolderException if another Tickguard holds it ("... is in use by Tickguard pid N,
     *     started T"), or the lock file cannot be created (e.g. the folder is not writable)
     */
    public static DataFolderLock acquire(DataFolder folder) {
        Path file = folder.lockFile();
        String notAFile = Files.isSymbolicLink(file) ? "a symbolic link" : SetAside.notARegularFile(file);
        if (notAFile != null) {
            SetAside.setAside(file, notAFile, "making a new lock file");
        }
        FileChannel ch;
        try {
            // NOFOLLOW_LINKS: a link planted in the data folder must not make us truncate its target.
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new DataFolderException("data folder " + folder.root() + " is not writable: "
                    + DataFolderException.reason(e) + " (creating " + file.getFileName() + ")", e);
        }
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                throw new DataFolderException("data folder " + folder.root() + " is in use by another Tickguard ("
                        + holder + "); stop it or choose another --data folder");
            }
            ObjectNode me = JSON.createObjectNode();
            me.put("pid", ProcessHandle.current().pid());
            me.put("started_at", ProcessHandle.current().info().startInstant().orElse(Instant.now()).toString());
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((JSON.writeValueAsString(me) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new DataFolderLock(file, ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new DataFolderException("cannot lock data folder " + folder.root() + ": "
                    + DataFolderException.reason(e), e);
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** "pid N, started T" from the lock file, or what is known if it is damaged or still being written. */
    private static String holder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(4096);
            ch.read(buf, 0);
            Optional<JsonNode> n = Optional.ofNullable(JSON.readTree(new String(buf.array(), 0, buf.position(),
                    java.nio.charset.StandardCharsets.UTF_8).trim()));
            if (n.isPresent() && n.get().path("pid").isIntegralNumber()) {
                long pid = n.get().get("pid").asLong();
                return "pid " + pid + ", started " + n.get().path("started_at").asText("at an unknown time");
            }
        } catch (IOException | RuntimeException e) {
            // The holder may not have written its details yet; the refusal stands anyway.
        }
        return "pid unknown";
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Closing releases the lock; nothing else to do.
        }
    }

    /**
     * Releases the lock. The file stays (deleting it would let a third instance lock a new file
     * while a second one still holds the old one).
     */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // Closing the channel releases it too.
        }
        closeQuietly(channel);
    }
}
