package dev.tickguard.persist;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where each file of the data folder lives: the one place that names them.
 *
 * @param root the data folder ({@code --data}, default {@code ~/.tickguard})
 */
public record DataFolder(Path root) {
    /** The database: ticks, step runs, the result cache, memory (see {@link Database}). */
    public Path database() {
        return root.resolve(Database.FILE);
    }

    /** The journal's mirror: one JSON line per finished or skipped tick, derived from the database. */
    public Path journal() {
        return root.resolve("logs").resolve("ticks.jsonl");
    }

    /** The folder of {@code episodes.jsonl} and {@code vectors.jsonl} of the file-based version (imported once). */
    public Path memory() {
        return root.resolve("memory");
    }

    /** Each step's last good result, in the file-based version (imported once). */
    public Path resultCache() {
        return root.resolve("state").resolve("results-cache.json");
    }

    /** The last tick number, in the file-based version (imported once). */
    public Path checkpoint() {
        return root.resolve("state").resolve("checkpoint.json");
    }

    /** The user's plugin choices, in the file-based version (imported once). */
    public Path pluginChoices() {
        return root.resolve("state").resolve("plugins.json");
    }

    /** The self-modification step's parameters, in the file-based version (imported once as its state). */
    public Path parameters() {
        return sandbox("self_modification").resolve("parameters.json");
    }

    /** The folder of step {@code stepId}'s sandbox. */
    public Path sandbox(String stepId) {
        return root.resolve("sandbox").resolve(stepId);
    }

    /** The lock file that keeps a second Tickguard out (see {@link DataFolderLock}). */
    public Path lockFile() {
        return root.resolve("tickguard.lock");
    }

    /**
     * Deletes temp files left by a process killed in the middle of an atomic write: in every sandbox
     * folder (a step's own files), and in state, memory and logs (left by the file-based version).
     * Only call while holding the lock.
     *
     * @return how many were deleted
     */
    public int removeLeftovers() throws IOException {
        int n = 0;
        for (Path d : List.of(root.resolve("state"), memory(), journal().getParent())) {
            n += removeLeftovers(d);
        }
        Path sandboxes = root.resolve("sandbox");
        if (Files.isDirectory(sandboxes, LinkOption.NOFOLLOW_LINKS)) {
            // walk() does not follow links: a link in a sandbox cannot send us elsewhere.
            try (Stream<Path> s = Files.walk(sandboxes, 4)) {
                for (Path d : s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    n += removeLeftovers(d);
                }
            }
        }
        return n;
    }

    /**
     * Deletes the hidden {@code .*.tmp} files in {@code dir} (a kill between creating a temp file and
     * renaming it over its target). Only while holding the lock: then no one else is writing there.
     */
    private static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int n = 0;
        try (var s = Files.newDirectoryStream(dir, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
        })) {
            for (Path p : s) {
                Files.deleteIfExists(p);
                n++;
            }
        }
        return n;
    }

    /**
     * Makes sure the data folder exists and is a folder.
     *
     * @throws DataFolderException naming the path and the reason (not a directory, permission denied)
     */
    public static DataFolder prepare(Path root) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new DataFolderException("data folder " + root + " is not a directory");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new DataFolderException("cannot create data folder " + root + ": " + describe(e), e);
        }
        return new DataFolder(root);
    }

    /** An I/O failure as "reason" or "reason (path)" when the path is not the one already named. */
    public static String describe(IOException e) {
        String reason = DataFolderException.reason(e);
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return reason + " (" + f.getFile() + ")";
        }
        return reason;
    }
}
