package dev.tickguard.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression (issue 17.8): bytes after parameters.json's object were dropped silently; the file is damage. */
class ParametersWithTrailingBytesTest {
    @TempDir
    Path dir;

    @Test
    void parametersWithTrailingBytesAreSetAsideAndDefaultsUsed() throws Exception {
        Sandbox box = new Sandbox(dir);
        Files.writeString(dir.resolve(SelfModificationStep.FILE), "{\"curiosity_weight\": 0.9} trailing");

        assertThat(SelfModificationStep.load(box)).isEqualTo(SelfModificationStep.DEFAULTS);
        assertThat(dir.resolve(SelfModificationStep.FILE)).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("parameters.json.bad"));
        }
    }
}
