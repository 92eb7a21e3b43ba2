package dev.tickguard.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickguard.control.TickguardControl;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Core's public API is the SPI (plugins), the control API (front ends), the event records and the
 * chaos value; every other package is the engine's inside, exported only to the launcher that wires it.
 */
class ModuleBoundariesTest {
    static final Set<String> PUBLIC = Set.of("dev.tickguard.spi", "dev.tickguard.control", "dev.tickguard.events",
            "dev.tickguard.chaos");

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(coreClasses()); // only the core's classes: scanning the whole class path takes 20 s+

    static Path coreClasses() {
        try {
            return Path.of(TickguardControl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePublicApiDoesNotLeakEngineInternals() {
        // "dev.tickguard.control" without ".." : control.internal is an implementation, not API.
        noClasses().that().resideInAnyPackage("dev.tickguard.spi..", "dev.tickguard.control", "dev.tickguard.events..",
                        "dev.tickguard.chaos..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.tickguard.control.internal..", "dev.tickguard.engine..", "dev.tickguard.health..",
                        "dev.tickguard.resilience..", "dev.tickguard.config..", "dev.tickguard.ollama..",
                        "dev.tickguard.plugin..", "dev.tickguard.persist..", "dev.tickguard.memory..",
                        "dev.tickguard.time..", "dev.tickguard.bus..")
                .because("front ends and plugins see only spi, control, events and chaos")
                .check(core);
    }

    @Test
    void theModuleExportsOnlyThePublicApiToEveryone() throws Exception {
        ModuleDescriptor d;
        // Next to the core's classes (the class path also holds the JDK's own module-info files).
        Path classes = Path.of(TickguardControl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        assertThat(d.name()).isEqualTo("dev.tickguard.core");
        Set<String> open = new TreeSet<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            if (e.isQualified()) {
                // Jackson may bind the Ollama API records; nobody else but the launcher sees the inside.
                assertThat(e.targets()).as(e.source()).contains("dev.tickguard.app")
                        .isSubsetOf("dev.tickguard.app", "com.fasterxml.jackson.databind");
            } else {
                open.add(e.source());
            }
        }
        assertThat(open).isEqualTo(new TreeSet<>(PUBLIC));
        assertThat(d.opens()).isEmpty();
        assertThat(d.requires()).noneMatch(r -> r.name().equals("jdk.httpserver"));
    }

    @Test
    void coreSetsNoJvmWideProperty() {
        noClasses().should().callMethod(System.class, "setProperty", String.class, String.class).check(core);
    }
}
