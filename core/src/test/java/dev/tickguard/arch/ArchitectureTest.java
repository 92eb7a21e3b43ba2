package dev.tickguard.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tickguard");

    @Test
    void coreNeverDependsOnJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(core);
    }

    @Test
    void theSpiDependsOnNothingElseOfTickguard() {
        noClasses().that().resideInAPackage("dev.tickguard.spi..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.tickguard.engine..", "dev.tickguard.events..", "dev.tickguard.health..",
                        "dev.tickguard.resilience..", "dev.tickguard.config..", "dev.tickguard.ollama..",
                        "dev.tickguard.plugin..", "dev.tickguard.chaos..", "dev.tickguard.persist..", "dev.tickguard.bus..")
                .check(core);
    }

    @Test
    void coreDoesNotPrintToStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(core);
    }
}
