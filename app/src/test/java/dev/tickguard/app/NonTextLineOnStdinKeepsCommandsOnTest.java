package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A line that is not UTF-8 text (a Latin-1 terminal's "café", a stray control byte) is answered and
 * skipped; it used to end the typed commands for the rest of the run, silently. Only several such
 * lines in a row (a binary file on stdin) switch the commands off, and that is said once.
 */
class NonTextLineOnStdinKeepsCommandsOnTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicBoolean quit = new AtomicBoolean();

    private String type(byte[] input) throws InterruptedException {
        // help and quit need no engine: the reading alone is under test.
        ConsoleCommands c = new ConsoleCommands(null, new PrintStream(out, true, StandardCharsets.UTF_8),
                () -> quit.set(true));
        c.start(new ByteArrayInputStream(input)).join(); // the reader ends at the input's end
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aLatin1LineIsAnsweredAndTheNextCommandStillRuns() throws Exception {
        String said = type(concat(ascii("caf"), new byte[]{(byte) 0xE9, '\n'}, ascii("quit\n")));
        assertThat(said).contains("error: line ignored: not UTF-8 text").contains("ok: quitting");
        assertThat(quit).isTrue();
    }

    @Test
    void aNulByteInALineIsAnsweredAndTheNextCommandStillRuns() throws Exception {
        String said = type(concat(ascii("sta"), new byte[]{0}, ascii("tus\r\nquit\r\n")));
        assertThat(said).contains("error: line ignored: not UTF-8 text").contains("ok: quitting");
        assertThat(quit).isTrue();
    }

    @Test
    void binaryJunkInARowSwitchesCommandsOffOnceAndSaysSo() throws Exception {
        byte[] junk = {(byte) 0xFF, (byte) 0xFE, 0, '\n'};
        String said = type(concat(junk, junk, junk, junk, junk, ascii("quit\n")));
        assertThat(said).containsOnlyOnce("typed commands off: standard input is not typed text");
        assertThat(said.lines().filter(l -> l.startsWith("error:"))).hasSize(ConsoleCommands.UNUSABLE_IN_A_ROW - 1);
        assertThat(quit).isFalse();
    }
}
