package dev.tickguard.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Core's packages are layered: a package uses only the packages below it, so an import that runs
 * upward fails the build. Values sit at the bottom (the SPI, the chaos value, the event records),
 * then the machinery, then the engine and the plugins; the control API is on top, and only its
 * implementation uses it. A new package must be given its place here.
 */
class CoreLayersTest {
    private record Layer(String name, String packages) {
    }

    /** Bottom first: each layer may use only the layers listed before it. */
    private static final List<Layer> LAYERS = List.of(
            // The plugin API (Step, StepContext, Llm, Memory, ...): all a plugin sees; uses nothing else.
            new Layer("Spi", "dev.tickguard.spi.."),
            // The clock behind every timestamp, interval and deadline (the system's, or a manual one in tests).
            new Layer("Time", "dev.tickguard.time.."),
            // The Chaos value: one deliberate fault and its text form (public: front ends build it).
            new Layer("Chaos", "dev.tickguard.chaos.."),
            // The TickEvent records and the values they and the control API carry (public).
            new Layer("Events", "dev.tickguard.events.."),
            // The event bus and its standard listeners: the log lines, the recent ticks.
            new Layer("Bus", "dev.tickguard.bus.."),
            // The config.yaml records, their defaults and their validation.
            new Layer("Config", "dev.tickguard.config.."),
            // The data folder on disk: its lock, atomic writes, JSON lines, checkpoints, the tick journal.
            new Layer("Persist", "dev.tickguard.persist.."),
            // The agent's long-term memory behind the SPI's Memory.
            new Layer("Memory", "dev.tickguard.memory.."),
            // The named circuit breakers and their forced states.
            new Layer("Resilience", "dev.tickguard.resilience.."),
            // The health checks and the system mode, with hysteresis.
            new Layer("Health", "dev.tickguard.health.."),
            // The LLM: the Ollama client, the resilient Llm facade, the fault injector.
            new Layer("Ollama", "dev.tickguard.ollama.."),
            // Remote step workers on RabbitMQ: the agent's broker link, the remote step, the worker, the wire format.
            new Layer("Remote", "dev.tickguard.remote.."),
            // The heavy tick: schedule, one tick's run, the step pipeline, budgets, fallbacks, step faults.
            new Layer("Engine", "dev.tickguard.engine.."),
            // Plugins: step discovery, the plugins folder, loading, hot reload, quarantine.
            new Layer("Plugin", "dev.tickguard.plugin.."),
            // The control API, the one entry point of front ends (public). Without "..": not its implementation.
            new Layer("Control", "dev.tickguard.control"),
            // The control API's implementation: wires everything below to the API; nothing in core uses it.
            new Layer("ControlInternal", "dev.tickguard.control.internal.."));

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(ModuleBoundariesTest.coreClasses());

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Layer l : LAYERS) {
            rule = rule.layer(l.name()).definedBy(l.packages());
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            String name = LAYERS.get(i).name();
            String[] below = LAYERS.subList(0, i).stream().map(Layer::name).toArray(String[]::new);
            rule = below.length == 0 ? rule.whereLayer(name).mayNotAccessAnyLayer()
                    : rule.whereLayer(name).mayOnlyAccessLayers(below);
        }
        rule.ensureAllClassesAreContainedInArchitecture().check(core);
    }

    @Test
    void onlyTheControlImplementationUsesTheControlApi() {
        noClasses().that().resideOutsideOfPackages("dev.tickguard.control", "dev.tickguard.control.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.tickguard.control")
                .because("the control API is the top of core: front ends use it, and in core only its implementation")
                .check(core);
    }
}
