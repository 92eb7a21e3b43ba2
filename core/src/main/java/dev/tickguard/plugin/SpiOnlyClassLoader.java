package dev.tickguard.plugin;

/**
 * The parent of every plugin's class loader: it lets a plugin see the JDK, the SPI
 * ({@code dev.tickguard.spi}) and Jackson (the SPI's JSON type), and nothing else of Tickguard or
 * its libraries. A plugin ships any other library itself, and its copy never clashes with
 * Tickguard's. On the module path the core module's exports draw the same line; this loader draws
 * it on the class path too.
 */
final class SpiOnlyClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final ClassLoader app;

    SpiOnlyClassLoader(ClassLoader app) {
        super("tickguard-spi", ClassLoader.getPlatformClassLoader());
        this.app = app;
    }

    /** True for the classes a plugin shares with Tickguard (not {@code dev.tickguard.spi.internal}: unexported). */
    static boolean shared(String className) {
        return (className.startsWith("dev.tickguard.spi.") && !className.startsWith("dev.tickguard.spi.internal."))
                || className.startsWith("com.fasterxml.jackson.");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (shared(name)) {
            return app.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
