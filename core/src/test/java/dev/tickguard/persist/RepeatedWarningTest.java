package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Regression (issue 17.3): a full disk wrote 46,000 "cannot write journal" warnings in 20 s. */
class RepeatedWarningTest {
    @Test
    void theFirstIsLoggedThenRepeatsAreSummedOnceAMinute() {
        AtomicLong now = new AtomicLong();
        Logger log = Logger.getLogger("dev.tickguard.test.repeated");
        try (LogCapture capture = new LogCapture()) {
            RepeatedWarning w = new RepeatedWarning(log, now::get);
            for (int i = 0; i < 1000; i++) {
                w.warn("cannot write journal: no space left on device");
                now.addAndGet(10_000_000L); // 10 ms apart: 10 s in all
            }
            assertThat(capture.all().lines().filter(l -> l.contains("cannot write journal"))).hasSize(1);

            now.addAndGet(RepeatedWarning.PERIOD_NANOS);
            w.warn("cannot write journal: no space left on device");
            assertThat(capture.all()).contains("cannot write journal: no space left on device (again 999 times in the "
                    + "last 70 s)");

            w.clear();
            w.warn("cannot write journal: read-only file system");
            assertThat(capture.all()).contains("cannot write journal: read-only file system");
        }
    }
}
