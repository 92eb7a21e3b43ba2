/** The Tickguard launcher: headless runner (and, later, the JavaFX dashboard), the Ollama simulator, metrics. */
module dev.tickguard.app {
    requires dev.tickguard.core;
    requires java.logging;
    requires jdk.httpserver;

    exports dev.tickguard.app.simulator;
}
