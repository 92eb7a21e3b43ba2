package dev.tickguard.app.ui;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickguard.bus.TickLog;
import dev.tickguard.chaos.Chaos;
import org.junit.jupiter.api.Test;

/**
 * The dashboard talks to the engine only through the control API: of the core it may use the
 * control API, the event records, the chaos value and the SPI's enums, nothing else (no engine,
 * breakers, fault injectors, configuration; of the bus only the log's words, {@code TickLog}). And views never call Platform.runLater: the pump is the
 * only road.
 */
class DashboardUsesOnlyTheControlApiTest {
    private static final JavaClasses UI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tickguard.app.ui");

    @Test
    void theDashboardReachesTheCoreOnlyThroughTheControlApi() {
        classes().that().resideInAPackage("dev.tickguard.app.ui")
                // The one class that reaches into JavaFX's internals (com.sun..), to let its pulse timer pause.
                .and(com.tngtech.archunit.base.DescribedPredicate.not(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf(PulseTimerPause.class)))
                .should().onlyDependOnClassesThat(resideInAnyPackage(
                        "dev.tickguard.app.ui..", "dev.tickguard.control", "dev.tickguard.events", "dev.tickguard.chaos",
                        "dev.tickguard.spi",
                        "java..", "javafx..", "org.controlsfx..", "com.fasterxml.jackson..")
                        // The log view writes events in the console's words: the one piece of the bus it uses.
                        .or(equivalentTo(TickLog.class))
                        // The export writes ticks as the journal's lines: the one piece of persistence it uses.
                        .or(equivalentTo(dev.tickguard.persist.TickJournal.class)))
                .check(UI);
    }

    @Test
    void theChaosFormBuildsValuesNotText() {
        // Chaos.parse is for typed text (--chaos, the console); a form builds the value with its factories.
        noClasses().that().resideInAPackage("dev.tickguard.app.ui")
                .should().callMethod(Chaos.class, "parse", String.class)
                .check(UI);
    }

    @Test
    void noEventIsHandedToTheFxThreadOneByOne() {
        // The pump wakes its sleeping timer with one runLater per idle spell (FxPump.wake); nothing else may.
        noClasses().that().resideInAPackage("dev.tickguard.app.ui").and().doNotHaveSimpleName("FxPump")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(UI);
    }
}
