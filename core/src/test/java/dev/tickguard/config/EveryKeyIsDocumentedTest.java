package dev.tickguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md names every key the loader accepts, as it is written in config.yaml. */
class EveryKeyIsDocumentedTest {

    @Test
    void theConfigurationPageNamesEveryAcceptedKey() throws Exception {
        String page = Files.readString(configurationPage());
        assertThat(ConfigLoader.keys()).isNotEmpty()
                .allSatisfy(key -> assertThat(page).as("docs/configuration.md documents %s", key).contains("`" + key + "`"));
    }

    /** The page, found from the module's folder (Maven runs the tests there) or the repository's root. */
    private static Path configurationPage() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path page = dir.resolve("docs/configuration.md");
            if (Files.isRegularFile(page)) {
                return page;
            }
        }
        throw new IllegalStateException("docs/configuration.md not found above " + Path.of("").toAbsolutePath());
    }
}
