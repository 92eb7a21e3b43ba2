package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The dashboard window's icon is in the app at every size it offers, each a PNG of that size. */
class WindowIconsTest {
    @Test
    void everySizeIsAPngOfThatSize() throws Exception {
        for (int size : WindowIcons.SIZES) {
            try (InputStream raw = WindowIcons.class.getResourceAsStream("icons/tickguard-" + size + ".png")) {
                assertThat(raw).as("icons/tickguard-%d.png", size).isNotNull();
                DataInputStream in = new DataInputStream(raw);
                byte[] signature = in.readNBytes(8);
                assertThat(signature).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
                in.readInt(); // IHDR length
                assertThat(new String(in.readNBytes(4), "US-ASCII")).isEqualTo("IHDR");
                assertThat(in.readInt()).as("width of %d", size).isEqualTo(size);
                assertThat(in.readInt()).as("height of %d", size).isEqualTo(size);
            }
        }
    }
}
