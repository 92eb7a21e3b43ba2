/**
 * Tickguard's engine: fault-tolerant heavy ticks on Failsafe, the step SPI, health, events,
 * configuration, the LLM client. No UI.
 *
 * <p>Public API: {@code spi} (for plugin authors), {@code control} (for front ends: the only entry
 * point to watch and steer a running Tickguard), {@code events} (the event records and values the
 * control API delivers) and {@code chaos} (the fault values a front end adds). Everything else is
 * the engine's inside, exported only to the launcher that wires it ({@code dev.tickguard.app});
 * ArchUnit tests keep it so, and keep the packages layered.
 */
module dev.tickguard.core {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires dev.failsafe.core;
    requires okhttp3;
    requires java.logging;
    requires com.rabbitmq.client;
    // The data folder's database (issue 19): JDBC, and the SQLite driver (with its native library).
    requires java.sql;
    requires org.xerial.sqlitejdbc;

    exports dev.tickguard.spi;
    exports dev.tickguard.control;
    exports dev.tickguard.events;
    exports dev.tickguard.chaos;

    exports dev.tickguard.control.internal to dev.tickguard.app;
    exports dev.tickguard.bus to dev.tickguard.app;
    exports dev.tickguard.config to dev.tickguard.app;
    exports dev.tickguard.engine to dev.tickguard.app;
    exports dev.tickguard.health to dev.tickguard.app;
    exports dev.tickguard.resilience to dev.tickguard.app;
    exports dev.tickguard.plugin to dev.tickguard.app;
    exports dev.tickguard.time to dev.tickguard.app;
    exports dev.tickguard.memory to dev.tickguard.app;
    exports dev.tickguard.persist to dev.tickguard.app;
    exports dev.tickguard.remote to dev.tickguard.app;
    // Jackson reads and writes the Ollama API records reflectively (else every LLM call fails on the module path).
    exports dev.tickguard.ollama to dev.tickguard.app, com.fasterxml.jackson.databind;

    uses dev.tickguard.spi.Step;
}
