package dev.tickguard.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickguard.control.TickguardControl;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Core's public API is the SPI (plugins), the control API (front ends) and the event records; every
 * other package is the engine's inside, exported only to the launcher that wires it.
 */
class ModuleBoundariesTest {
    static final Set<String> PUBLIC = Set.of("dev.tickguard.spi", "dev.tickguard.control", "dev.tickguard.events");

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tickguard");

    static final String[] INTERNAL = {"dev.tickguard.control.internal..", "dev.tickguard.engine..",
            "dev.tickguard.health..", "dev.tickguard.resilience..", "dev.tickguard.config..", "dev.tickguard.ollama..",
            "dev.tickguard.plugin..", "dev.tickguard.chaos..", "dev.tickguard.persist..", "dev.tickguard.memory..",
            "dev.tickguard.time.."};

    @Test
    void theControlApiDependsOnNoEngineInternals() {
        // "dev.tickguard.control" without ".." : control.internal is its implementation, not API.
        noClasses().that().resideInAPackage("dev.tickguard.control").should().dependOnClassesThat()
                .resideInAnyPackage(INTERNAL).because("front ends see only spi, control and events").check(core);
    }

    @Test
    void noPublicSignatureOfTheApiNamesAnInternalType() {
        // The events package also holds listeners (journal, log) that may use internals inside their
        // bodies; what a front end or plugin can see (public members) must not name an internal type.
        DescribedPredicate<JavaClass> internal = resideInAnyPackage(INTERNAL);
        ArchCondition<JavaClass> exposeOnlyApiTypes = new ArchCondition<>("name only API types in public signatures") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaMember m : c.getMembers()) {
                    if (!m.getModifiers().contains(JavaModifier.PUBLIC)) {
                        continue;
                    }
                    List<JavaClass> named = new ArrayList<>();
                    if (m instanceof JavaField f) {
                        named.add(f.getRawType());
                    } else if (m instanceof JavaCodeUnit u) {
                        named.add(u.getRawReturnType());
                        named.addAll(u.getRawParameterTypes());
                    }
                    for (JavaClass t : named) {
                        if (internal.test(t)) {
                            events.add(SimpleConditionEvent.violated(m, m.getFullName() + " names " + t.getName()));
                        }
                    }
                }
            }
        };
        classes().that().resideInAnyPackage("dev.tickguard.spi..", "dev.tickguard.control", "dev.tickguard.events..")
                .and().arePublic().should(exposeOnlyApiTypes).check(core);
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
