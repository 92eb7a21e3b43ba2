package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How the database's writer waits: attentive while changes keep coming, blocked after a quiet spell. */
class WriterPaceTest {
    @Test
    void aWriterStartsBlockedSoAnIdleOneNeverWakesByItself() {
        assertThat(new WriterPace(5, 50).attentive()).isFalse();
    }

    @Test
    void afterAChangeItLooksByItselfUntilTheQuietSpellIsOver() {
        WriterPace pace = new WriterPace(5, 50);
        pace.looked(true);
        for (int i = 0; i < 9; i++) {
            assertThat(pace.attentive()).as("after %d empty looks", i).isTrue();
            pace.looked(false);
        }
        assertThat(pace.attentive()).isTrue();
        pace.looked(false);
        assertThat(pace.attentive()).as("after 10 empty looks of 5 ms: 50 ms quiet").isFalse();
    }

    @Test
    void aChangeFoundWhileLookingStartsTheQuietSpellAgain() {
        WriterPace pace = new WriterPace(5, 20);
        pace.looked(true);
        pace.looked(false);
        pace.looked(false);
        pace.looked(false);
        pace.looked(true);
        pace.looked(false);
        pace.looked(false);
        pace.looked(false);
        assertThat(pace.attentive()).isTrue();
        pace.looked(false);
        assertThat(pace.attentive()).isFalse();
    }

    @Test
    void withNoAttentiveTimeTheWriterAlwaysBlocks() {
        WriterPace pace = new WriterPace(5, 0);
        pace.looked(true);
        assertThat(pace.attentive()).isFalse();
    }

    @Test
    void aPaceThatCannotWorkIsRefusedNamingItsValues() {
        assertThatThrownBy(() -> new WriterPace(0, 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lingerMillis").hasMessageContaining("0 and 50");
        assertThatThrownBy(() -> new WriterPace(5, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attentiveMillis");
    }
}
