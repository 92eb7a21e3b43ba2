package dev.tickguard.steps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The only folder a step may touch, and the one way to touch it. Every name is relative and is
 * walked one component at a time from the sandbox's root without following links: each folder is
 * opened as a handle (a {@link SecureDirectoryStream}, i.e. {@code openat} with
 * {@code O_NOFOLLOW}, where the platform has it) and the next component is looked up in that
 * handle, never as a path string. A file is opened through the handle of its folder, checked
 * (regular file, one name only) and then read from the channel that was opened, so nothing can
 * be swapped for a link between the check and the use. Writes go to a temp file created in the
 * folder's handle and renamed within it: atomic, and never through a link.
 *
 * <p>Refused: empty names, absolute names, {@code ..}, NUL bytes, components over 255 bytes,
 * symbolic links anywhere, and files with more than one name (a hard link could point at a file
 * outside). Reads and writes are size-capped.
 *
 * <p>Residual: Java cannot ask an open channel for its inode, so the one-name check compares the
 * inode looked up by name just before and just after opening; a name swapped away and back in
 * that microsecond window could go unnoticed. Creating a missing folder is done by path, and only
 * directly below the root (whose real path is fixed at construction), so no link can be in it.
 */
final class Sandbox {
    /** The largest file read. */
    static final int MAX_READ_BYTES = 64 * 1024;
    /** The largest file written. */
    static final int MAX_WRITE_BYTES = 16 * 1024;
    /** The longest name of one file or folder, in UTF-8 bytes (the usual file-system limit). */
    static final int MAX_NAME_BYTES = 255;
    /** The deepest folder {@link #list} looks into. */
    static final int LIST_DEPTH = 3;

    /** A name the sandbox refuses. */
    static final class EscapeException extends Exception {
        private static final long serialVersionUID = 1L;

        EscapeException(String message) {
            super(message);
        }
    }

    /** A file in the sandbox: its relative name and size. */
    record Listed(String name, long bytes) {
    }

    private final Path root;

    /** Opens (creating it if needed) the sandbox folder, which must itself be a folder, not a link. */
    Sandbox(Path folder) throws IOException, EscapeException {
        Files.createDirectories(folder);
        if (Files.isSymbolicLink(folder)) {
            throw new EscapeException("the sandbox folder " + folder + " is a symbolic link");
        }
        this.root = folder.toRealPath();
    }

    Path root() {
        return root;
    }

    /**
     * Checks a relative name's shape and splits it into components; nothing is looked up yet.
     *
     * @throws EscapeException if it is empty, absolute, goes up, has a NUL or a too-long component
     */
    static List<String> parts(String name) throws EscapeException {
        if (name == null || name.isBlank()) {
            throw new EscapeException("empty path");
        }
        if (name.indexOf('\0') >= 0) {
            throw new EscapeException("path contains a NUL byte");
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.contains(":")) {
            throw new EscapeException("absolute path '" + name + "' is outside the sandbox");
        }
        List<String> parts = new ArrayList<>();
        for (String p : name.split("[/\\\\]+")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                throw new EscapeException("path '" + name + "' leads outside the sandbox");
            }
            if (p.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new EscapeException("name '" + p.substring(0, 20) + "...' is longer than " + MAX_NAME_BYTES
                        + " bytes");
            }
            parts.add(p);
        }
        if (parts.isEmpty()) {
            throw new EscapeException("empty path");
        }
        return parts;
    }

    /** Reads at most {@link #MAX_READ_BYTES} of a file as text (bad UTF-8 replaced). */
    String read(String name) throws IOException, EscapeException {
        return new String(readBytes(name), StandardCharsets.UTF_8);
    }

    /**
     * Reads at most {@link #MAX_READ_BYTES} of a file.
     *
     * @throws NoSuchFileException if there is no such file
     * @throws EscapeException if it is a link, a folder, or has more than one name
     */
    byte[] readBytes(String name) throws IOException, EscapeException {
        List<String> parts = parts(name);
        try (Dir dir = walk(parts.subList(0, parts.size() - 1), false)) {
            String file = parts.get(parts.size() - 1);
            BasicFileAttributes before = dir.attributes(file);
            requirePlainFile(name, before);
            try (SeekableByteChannel ch = dir.open(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                BasicFileAttributes after = dir.attributes(file);
                if (!Objects.equals(before.fileKey(), after.fileKey())) {
                    throw new EscapeException("'" + name + "' was replaced while being opened");
                }
                requireOneName(name, dir.path(file), before.fileKey());
                ByteBuffer buf = ByteBuffer.allocate(MAX_READ_BYTES);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // read until full or end of file
                }
                byte[] out = new byte[buf.position()];
                buf.flip().get(out);
                return out;
            }
        }
    }

    /** True if {@code name} is there (as anything, a link included). */
    boolean exists(String name) throws IOException, EscapeException {
        List<String> parts = parts(name);
        try (Dir dir = walk(parts.subList(0, parts.size() - 1), false)) {
            dir.attributes(parts.get(parts.size() - 1));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Writes a text file atomically (temp file in the same folder, then rename), refusing one over
     * {@link #MAX_WRITE_BYTES}. A missing folder is created only directly below the root.
     */
    void write(String name, String text) throws IOException, EscapeException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_WRITE_BYTES) {
            throw new EscapeException("note of " + bytes.length + " bytes exceeds the " + MAX_WRITE_BYTES + "-byte cap");
        }
        List<String> parts = parts(name);
        try (Dir dir = walk(parts.subList(0, parts.size() - 1), true)) {
            String file = parts.get(parts.size() - 1);
            // Hidden and ending in .tmp: skipped by list(), and removed at start if a kill left it.
            String tmp = "." + UUID.randomUUID() + ".tmp";
            try {
                try (SeekableByteChannel ch = dir.open(tmp, Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
                // rename() replaces the name itself: a link at the target is replaced, never followed.
                dir.rename(tmp, file);
            } finally {
                dir.deleteIfExists(tmp);
            }
        }
    }

    /** Renames a damaged file beside itself ({@code <name>.bad}, {@code .bad-2}, ...); returns the new name. */
    String setAside(String name) throws IOException, EscapeException {
        List<String> parts = parts(name);
        try (Dir dir = walk(parts.subList(0, parts.size() - 1), false)) {
            String file = parts.get(parts.size() - 1);
            for (int i = 1; ; i++) {
                String bad = file + (i == 1 ? ".bad" : ".bad-" + i);
                try {
                    dir.attributes(bad);
                } catch (NoSuchFileException free) {
                    dir.rename(file, bad);
                    return bad;
                }
            }
        }
    }

    /**
     * The plain files of the sandbox (not links, not files with several names, not hidden), at most
     * {@code limit}, sorted by name, looking {@link #LIST_DEPTH} folders deep.
     */
    List<Listed> list(int limit) throws IOException {
        List<Listed> out = new ArrayList<>();
        try (Dir dir = openRoot()) {
            list(dir, "", 1, out);
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private void list(Dir dir, String prefix, int depth, List<Listed> out) throws IOException {
        for (String name : dir.names()) {
            if (name.startsWith(".")) {
                continue;
            }
            BasicFileAttributes a;
            try {
                a = dir.attributes(name);
            } catch (NoSuchFileException gone) {
                continue;
            }
            if (a.isDirectory() && depth < LIST_DEPTH) {
                try (Dir sub = dir.sub(name)) {
                    list(sub, prefix + name + "/", depth + 1, out);
                } catch (FileSystemException swappedMeanwhile) {
                    // Replaced by a link (or removed) since we looked: not listed.
                }
            } else if (a.isRegularFile() && nameCount(dir.path(name)) == 1) {
                out.add(new Listed(prefix + name, a.size()));
            }
        }
    }

    private static void requirePlainFile(String name, BasicFileAttributes a) throws EscapeException, IOException {
        if (a.isSymbolicLink()) {
            throw new EscapeException("'" + name + "' is a symbolic link; links are not followed");
        }
        if (!a.isRegularFile()) {
            throw new NoSuchFileException(name, null, a.isDirectory() ? "a directory, not a file" : "not a regular file");
        }
    }

    private static void requireOneName(String name, Path p, Object fileKey) throws EscapeException, IOException {
        // The link count can only be asked by path: make sure the path still names the file opened.
        Object byPath = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        if (!Objects.equals(byPath, fileKey)) {
            throw new EscapeException("'" + name + "' was replaced while being opened");
        }
        if (nameCount(p) != 1) {
            throw new EscapeException("'" + name + "' is a hard link (a file with more than one name)");
        }
    }

    /** How many names (hard links) the file has; 1 where the file system cannot tell. */
    private static int nameCount(Path p) throws IOException {
        try {
            return ((Number) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return 1;
        }
    }

    // ------------------------------------------------------------------ folder handles

    /** Opens the folder {@code dirs} below the root, one component at a time, never through a link. */
    private Dir walk(List<String> dirs, boolean createFirst) throws IOException, EscapeException {
        Dir dir = openRoot();
        try {
            String at = "";
            for (int i = 0; i < dirs.size(); i++) {
                String d = dirs.get(i);
                at += (at.isEmpty() ? "" : "/") + d;
                BasicFileAttributes a;
                try {
                    a = dir.attributes(d);
                } catch (NoSuchFileException missing) {
                    if (!createFirst || i > 0) {
                        throw new NoSuchFileException(at, null, "no such folder in the sandbox");
                    }
                    // Directly below the real root: mkdir does not follow a link at the last component.
                    Files.createDirectory(root.resolve(d));
                    a = dir.attributes(d);
                }
                if (a.isSymbolicLink()) {
                    throw new EscapeException("'" + at + "' is a symbolic link; links are not followed");
                }
                if (!a.isDirectory()) {
                    throw new EscapeException("'" + at + "' is not a folder");
                }
                Dir sub;
                try {
                    sub = dir.sub(d);
                } catch (FileSystemException swapped) {
                    throw new EscapeException("'" + at + "' changed into a link while being opened");
                }
                dir.close();
                dir = sub;
            }
            return dir;
        } catch (IOException | EscapeException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private Dir openRoot() throws IOException {
        DirectoryStream<Path> s = Files.newDirectoryStream(root);
        if (s instanceof SecureDirectoryStream<Path> sds) {
            return new HandleDir(sds, root);
        }
        s.close();
        return new PathDir(root);
    }

    /** An open folder of the sandbox. Names passed in are single components. */
    private interface Dir extends AutoCloseable {
        /** The entry's own attributes (a link is reported as a link). */
        BasicFileAttributes attributes(String name) throws IOException;

        SeekableByteChannel open(String name, Set<? extends OpenOption> options) throws IOException;

        Dir sub(String name) throws IOException;

        void rename(String from, String to) throws IOException;

        void deleteIfExists(String name) throws IOException;

        List<String> names() throws IOException;

        /** The entry as a path, only for attributes the handle cannot give (the link count). */
        Path path(String name);

        @Override
        void close() throws IOException;
    }

    /** A folder held open as a handle: every lookup is relative to it ({@code openat} and friends). */
    private record HandleDir(SecureDirectoryStream<Path> handle, Path where) implements Dir {
        @Override
        public BasicFileAttributes attributes(String name) throws IOException {
            return handle.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        }

        @Override
        public SeekableByteChannel open(String name, Set<? extends OpenOption> options) throws IOException {
            return handle.newByteChannel(Path.of(name), options);
        }

        @Override
        public Dir sub(String name) throws IOException {
            return new HandleDir(handle.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS), where.resolve(name));
        }

        @Override
        public void rename(String from, String to) throws IOException {
            handle.move(Path.of(from), handle, Path.of(to));
        }

        @Override
        public void deleteIfExists(String name) throws IOException {
            try {
                handle.deleteFile(Path.of(name));
            } catch (NoSuchFileException gone) {
                // renamed into place: nothing left to clean up
            }
        }

        @Override
        public List<String> names() {
            List<String> out = new ArrayList<>();
            handle.forEach(p -> out.add(p.getFileName().toString()));
            return out;
        }

        @Override
        public Path path(String name) {
            return where.resolve(name);
        }

        @Override
        public void close() throws IOException {
            handle.close();
        }
    }

    /**
     * Where the platform has no folder handles: paths, with every component checked not to be a
     * link and files opened with {@code NOFOLLOW_LINKS}. (Linux always has handles.)
     */
    private record PathDir(Path where) implements Dir {
        @Override
        public BasicFileAttributes attributes(String name) throws IOException {
            return Files.readAttributes(where.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public SeekableByteChannel open(String name, Set<? extends OpenOption> options) throws IOException {
            return Files.newByteChannel(where.resolve(name), options);
        }

        @Override
        public Dir sub(String name) throws IOException {
            Path p = where.resolve(name);
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(p.toString(), null, "not a folder");
            }
            return new PathDir(p);
        }

        @Override
        public void rename(String from, String to) throws IOException {
            Files.move(where.resolve(from), where.resolve(to), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void deleteIfExists(String name) throws IOException {
            Files.deleteIfExists(where.resolve(name));
        }

        @Override
        public List<String> names() throws IOException {
            List<String> out = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(where)) {
                s.forEach(p -> out.add(p.getFileName().toString()));
            }
            return out;
        }

        @Override
        public Path path(String name) {
            return where.resolve(name);
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
