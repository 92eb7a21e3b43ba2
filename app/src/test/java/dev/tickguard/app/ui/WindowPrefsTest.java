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

    /** Regression (issue 18.4): the window opened 1280x800 at (-128,-33) on a 1024x700 screen. */
    @Test
    void theFirstWindowFitsTheScreenAndIsCentred() {
        javafx.geometry.Rectangle2D small = new javafx.geometry.Rectangle2D(0, 0, 1024, 700);
        WindowPrefs p = WindowPrefs.defaults().fitTo(java.util.List.of(small));
        assertThat(p.width()).isEqualTo(1024);
        assertThat(p.height()).isEqualTo(700);
        assertThat(p.x()).isZero();
        assertThat(p.y()).isZero();

        javafx.geometry.Rectangle2D big = new javafx.geometry.Rectangle2D(0, 0, 1920, 1080);
        WindowPrefs centred = WindowPrefs.defaults().fitTo(java.util.List.of(big));
        assertThat(centred.x()).isEqualTo((1920 - 1280) / 2.0);
        assertThat(centred.y()).isEqualTo((1080 - 800) / 2.0);
    }

    @Test
    void aSavedPlaceOnAScreenThatIsGoneIsMovedOntoOneThatIsThere() {
        javafx.geometry.Rectangle2D primary = new javafx.geometry.Rectangle2D(0, 0, 1280, 720);
        WindowPrefs saved = new WindowPrefs(1500, 100, 1200, 900, false, 0, false); // was on a second screen
        WindowPrefs p = saved.fitTo(java.util.List.of(primary));
        assertThat(p.width()).isEqualTo(1200);
        assertThat(p.height()).isEqualTo(720);
        assertThat(p.x()).isEqualTo(80); // 1280 - 1200: its right edge on the screen's
        assertThat(p.y()).isZero(); // 720 high at most, so from the top
        javafx.geometry.Rectangle2D second = new javafx.geometry.Rectangle2D(1280, 0, 1920, 1080);
        assertThat(saved.fitTo(java.util.List.of(primary, second))).isEqualTo(saved); // it still fits there
    }
}
