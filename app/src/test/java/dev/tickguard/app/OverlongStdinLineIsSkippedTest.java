package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A line with no end in sight (a large file piped in by mistake) used to be read whole into memory
 * (1.5 GB typed in grew the process to over 5 GB and starved the engine); now the reader keeps at
 * most {@link TypedLines#MAX_BYTES} of a line, answers it as too long, and goes on.
 */
class OverlongStdinLineIsSkippedTest {
    /** {@code n} bytes of 'a', made as they are read (never held). */
    private static InputStream endlessLetters(long n) {
        return new InputStream() {
            private long left = n;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + k, (byte) 'a');
                left -= k;
                return k;
            }
        };
    }

    private static InputStream text(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOverlongLineIsAnsweredAndTheNextCommandStillRuns() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicBoolean quit = new AtomicBoolean();
        ConsoleCommands c = new ConsoleCommands(null, new PrintStream(out, true, StandardCharsets.UTF_8),
                () -> quit.set(true));
        InputStream in = new SequenceInputStream(endlessLetters(1000L * TypedLines.MAX_BYTES), text("\nquit\n"));
        c.start(in).join();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("error: line longer than " + TypedLines.MAX_BYTES + " bytes ignored").contains("ok: quitting");
        assertThat(quit).isTrue();
    }

    @Test
    void aLineOfExactlyTheLimitIsStillACommand() throws Exception {
        TypedLines lines = new TypedLines(new SequenceInputStream(
                text(" ".repeat(TypedLines.MAX_BYTES - 4) + "quit"), text("\n")));
        TypedLines.Line line = lines.next();
        assertThat(line.isText()).isTrue();
        assertThat(line.text().strip()).isEqualTo("quit");
        assertThat(lines.next()).isNull();
    }

    @Test
    void theLastLineWithoutALineEndCounts() throws Exception {
        TypedLines lines = new TypedLines(text("status\nquit"));
        assertThat(lines.next().text()).isEqualTo("status");
        assertThat(lines.next().text()).isEqualTo("quit");
        assertThat(lines.next()).isNull();
    }
}
