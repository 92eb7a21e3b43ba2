package dev.tickguard.steps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The only folder the action step may touch. Every path is resolved inside it and refused if it
 * leads outside: {@code ..}, absolute paths, and symbolic links pointing out. Reads and writes are
 * size-capped; writes are atomic (temp file + rename).
 */
final class Sandbox {
    /** The largest file the action step reads. */
    static final int MAX_READ_BYTES = 64 * 1024;
    /** The largest note the action step writes. */
    static final int MAX_WRITE_BYTES = 16 * 1024;

    /** A path the sandbox refuses. */
    static final class EscapeException extends Exception {
        private static final long serialVersionUID = 1L;

        EscapeException(String message) {
            super(message);
        }
    }

    private final Path root;

    Sandbox(Path root) throws IOException {
        Files.createDirectories(root);
        this.root = root.toRealPath();
    }

    Path root() {
        return root;
    }

    /** Resolves a relative name inside the sandbox; refuses anything that leaves it. */
    Path resolve(String name) throws EscapeException, IOException {
        if (name == null || name.isBlank()) {
            throw new EscapeException("empty path");
        }
        Path rel;
        try {
            rel = Path.of(name);
        } catch (InvalidPathException e) {
            throw new EscapeException("invalid path '" + name + "'");
        }
        if (rel.isAbsolute() || name.startsWith("/") || name.startsWith("\\") || name.contains(":")) {
            throw new EscapeException("absolute path '" + name + "' is outside the sandbox");
        }
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root)) {
            throw new EscapeException("path '" + name + "' leads outside the sandbox");
        }
        // Follow symbolic links of whatever already exists along the way.
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing != null && !existing.toRealPath().startsWith(root)) {
            throw new EscapeException("path '" + name + "' follows a link outside the sandbox");
        }
        return p;
    }

    /** Reads at most {@link #MAX_READ_BYTES} of a file as text. */
    String read(Path p) throws IOException {
        byte[] bytes;
        try (var in = Files.newInputStream(p)) {
            bytes = in.readNBytes(MAX_READ_BYTES);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Writes a text file atomically, refusing one over {@link #MAX_WRITE_BYTES}. */
    void write(Path p, String text) throws IOException, EscapeException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_WRITE_BYTES) {
            throw new EscapeException("note of " + bytes.length + " bytes exceeds the " + MAX_WRITE_BYTES + "-byte cap");
        }
        Files.createDirectories(p.getParent());
        Path tmp = Files.createTempFile(p.getParent(), ".note", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
