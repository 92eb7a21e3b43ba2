package dev.tickguard.app;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Why the JVM is shutting down, as a shutdown hook can tell: some code called {@code System.exit}
 * (found on the stack of the thread that asked, and named by its plugin when it is plugin code), or
 * else a signal (SIGTERM, SIGINT: the hook then runs with no thread inside {@code System.exit}).
 * The words go to the log and become the stopped tick's {@code abort_reason}. Called on the
 * {@code tickguard-shutdown} hook thread.
 */
final class ExitCause {
    private static final String PLUGIN_LOADER = "plugin:";
    private ExitCause() {
    }

    /** @param plugins names a plugin by its id ({@code "weather 1.0 (weather.jar)"}), if it is loaded */
    static String describe(Function<String, Optional<String>> plugins) {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement caller = exitCaller(e.getValue());
            if (caller != null) {
                String where = caller.getClassName() + "." + caller.getMethodName();
                String loader = caller.getClassLoaderName();
                // Each plugin's classes are loaded by a loader named "plugin:<id>" (PluginLoader).
                Optional<String> plugin = loader != null && loader.startsWith(PLUGIN_LOADER)
                        ? plugins.apply(loader.substring(PLUGIN_LOADER.length())) : Optional.empty();
                return plugin.map(p -> "plugin " + p + " called System.exit (in " + where
                        + "); a plugin must never end the process")
                        .orElse("System.exit called by " + where + " on thread " + e.getKey().getName());
            }
        }
        return "stopped by a signal (SIGTERM or SIGINT)";
    }

    /** The first frame below {@code Runtime.exit} that is not the JDK's exit machinery, or null. */
    static StackTraceElement exitCaller(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            StackTraceElement f = stack[i];
            if (f.getClassName().equals("java.lang.Runtime") && f.getMethodName().equals("exit")) {
                for (int j = i + 1; j < stack.length; j++) {
                    String c = stack[j].getClassName();
                    if (!c.equals("java.lang.System") && !c.equals("java.lang.Runtime")) {
                        return stack[j];
                    }
                }
            }
        }
        return null;
    }
}
