package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Issue 6, defect 11: with two steps hung by chaos, switching one hang off releases that one only. */
class TurningOffOneHangReleasesOnlyThatOneTest {
    @Test
    void switchingOneHangOffReleasesThatStepOnly() throws Exception {
        StepFaults faults = new StepFaults();
        faults.hang("curiosity", true);
        faults.hang("meta_cognition", true);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> run(faults, "curiosity"));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> run(faults, "meta_cognition"));
        faults.hang("curiosity", false);
        await().atMost(Duration.ofSeconds(10)).until(a::isDone);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !b.isDone());
        assertThat(faults.isHanging("meta_cognition")).isTrue();
        faults.hang("meta_cognition", false);
        await().atMost(Duration.ofSeconds(10)).until(b::isDone);
    }

    private static void run(StepFaults faults, String id) {
        try {
            faults.beforeRun(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
