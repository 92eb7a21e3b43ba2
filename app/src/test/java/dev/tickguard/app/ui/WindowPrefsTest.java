package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered window: round trip, damaged or missing file, too-small sizes, no half-written file. */
class WindowPrefsTest {
    @TempDir
    Path dir;

    @Test
    void savedPrefsComeBack() throws IOException {
        WindowPrefs p = new WindowPrefs(40, 30, 1100, 760, false, 3, true);
        p.save(dir);
        assertThat(WindowPrefs.load(dir)).isEqualTo(p);
        try (var files = Files.list(dir)) {
            assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly(WindowPrefs.FILE);
        }
    }

    @Test
    void aMissingFileMeansDefaults() {
        assertThat(WindowPrefs.load(dir.resolve("nowhere"))).isEqualTo(WindowPrefs.defaults());
    }

    @Test
    void damagedValuesFallBackKeyByKeyAndSizesNeverGoBelowTheMinimum() throws IOException {
        Files.writeString(dir.resolve(WindowPrefs.FILE), "width=wide\nheight=200\ntab=2\ntheme=dark\nx=NaN\n\\u00zz");
        WindowPrefs p = WindowPrefs.load(dir);
        assertThat(p).isEqualTo(WindowPrefs.defaults());
        Files.writeString(dir.resolve(WindowPrefs.FILE), "width=wide\nheight=200\ntab=2\ntheme=dark\n");
        p = WindowPrefs.load(dir);
        assertThat(p.width()).isEqualTo(1280);
        assertThat(p.height()).isEqualTo(WindowPrefs.MIN_HEIGHT);
        assertThat(p.tab()).isEqualTo(2);
        assertThat(p.dark()).isTrue();
    }

    @Test
    void savingIntoAnUnwritablePlaceLogsAndDoesNotThrow() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        WindowPrefs.defaults().save(file); // a file where a folder should be
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
