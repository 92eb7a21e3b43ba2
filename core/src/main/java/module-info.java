/**
 * Tickguard's engine: fault-tolerant heavy ticks on Failsafe, the step SPI, health, events,
 * configuration, the LLM client. No UI.
 */
module dev.tickguard.core {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires dev.failsafe.core;
    requires okhttp3;
    requires java.logging;
    requires jdk.httpserver;

    exports dev.tickguard.spi;
    exports dev.tickguard.config;
    exports dev.tickguard.engine;
    exports dev.tickguard.events;
    exports dev.tickguard.health;
    exports dev.tickguard.resilience;
    exports dev.tickguard.chaos;
    exports dev.tickguard.plugin;
    exports dev.tickguard.time;
    exports dev.tickguard.memory;
    exports dev.tickguard.persist;
    exports dev.tickguard.ollama;

    uses dev.tickguard.spi.Step;
}
