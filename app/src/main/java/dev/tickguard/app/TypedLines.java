package dev.tickguard.app;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Typed command lines from standard input, each held to {@link #MAX_BYTES}: an endless line (a file
 * piped in by mistake, binary junk) must not grow a buffer until the heap is gone and starve the
 * engine. A line that is too long, or that is not UTF-8 text, is reported as such rather than read,
 * so the caller can answer it and go on with the next line.
 */
final class TypedLines {
    /** Far longer than any command (the longest chaos spec is under 100 characters). */
    static final int MAX_BYTES = 4096;

    /**
     * One line: its text, or why it has none.
     *
     * @param text the line without its end ({@code \n} or {@code \r\n}), or null if it is not usable
     * @param tooLong true if the line had more than {@link #MAX_BYTES} bytes (the rest was skipped)
     */
    record Line(String text, boolean tooLong) {
        boolean isText() {
            return text != null;
        }
    }

    private final InputStream in;

    TypedLines(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    /**
     * The next line, or null at the end of the input (a last line without a line end counts).
     *
     * @throws IOException if reading fails
     */
    Line next() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean tooLong = false;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (bytes.size() < MAX_BYTES) {
                bytes.write(b);
            } else {
                tooLong = true; // keep reading to the line's end, but keep nothing more
            }
        }
        if (b < 0 && bytes.size() == 0 && !tooLong) {
            return null;
        }
        if (tooLong) {
            return new Line(null, true);
        }
        byte[] raw = bytes.toByteArray();
        int n = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw, 0, n)).toString();
            return new Line(text.indexOf('\u0000') >= 0 ? null : text, false);
        } catch (CharacterCodingException e) {
            return new Line(null, false);
        }
    }
}
