/** The Tickguard launcher: headless runner (and, later, the JavaFX dashboard). */
module dev.tickguard.app {
    requires dev.tickguard.core;
    requires java.logging;
}
