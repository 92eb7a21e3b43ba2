package dev.tickguard.plugin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the JVM throws while loading plugin code (linkage and module errors, which read like
 * JVM internals) into one sentence a plugin author can act on, with the fix.
 */
final class PluginErrors {
    private static final Pattern CLASS_VERSION = Pattern.compile("class file version (\\d+)");

    private PluginErrors() {
    }

    /**
     * Plugin code: the throwable's message and cause are read, so call it where plugin code may run
     * (under a time limit, {@link TimeLimit}).
     *
     * @param source the plugin, for advice on where its libraries go ({@code null}: advice without the names)
     */
    static String explain(Throwable e, PluginSource source) {
        if (e instanceof ExceptionInInitializerError init) {
            return staticInitialiser(init);
        }
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof NoClassDefFoundError && msg.startsWith("Could not initialize class")) {
            return "its static initialiser failed earlier (" + msg + "): fix the initialiser";
        }
        if (e instanceof NoClassDefFoundError || e instanceof ClassNotFoundException) {
            String missing = msg.replace('/', '.');
            if (missing.startsWith("dev.tickguard.") && !missing.startsWith("dev.tickguard.spi.")) {
                return "it uses " + missing + ", which is internal to Tickguard: a plugin may use only dev.tickguard.spi";
            }
            String id = source == null ? "<plugin>" : source.fallbackId();
            return "it needs class " + missing + ", which none of the plugin's JARs holds: ship that library with the "
                    + "plugin, as a folder " + id + "/ holding " + id + ".jar and the library's JAR in " + id + "/lib/";
        }
        if (e instanceof IllegalAccessError && (msg.contains("does not export") || msg.contains("does not open"))) {
            return "it uses a Tickguard class that is not part of the SPI (" + msg + "): a plugin may use only "
                    + "dev.tickguard.spi";
        }
        if (e instanceof UnsupportedClassVersionError) {
            Matcher m = CLASS_VERSION.matcher(msg);
            String java = m.find() ? " for Java " + (Integer.parseInt(m.group(1)) - 44) : " for a newer Java";
            return "it was compiled" + java + ", but Tickguard runs on Java " + Runtime.version().feature()
                    + ": compile it with --release 17";
        }
        if (e instanceof LinkageError) {
            return e.getClass().getSimpleName() + ": " + msg + " (the plugin was built against other classes than "
                    + "it finds at run time: rebuild it against this Tickguard's SPI and ship its libraries)";
        }
        return e.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + firstLine(msg));
    }

    /**
     * A static initialiser threw: the plugin's own bug, not a build or library problem, so say so with
     * what it threw (the error itself only says "ExceptionInInitializerError", usually without a message).
     */
    private static String staticInitialiser(ExceptionInInitializerError e) {
        Throwable cause = e.getCause();
        String where = "";
        if (cause != null) {
            for (StackTraceElement frame : cause.getStackTrace()) {
                if ("<clinit>".equals(frame.getMethodName())) {
                    where = " of " + frame.getClassName();
                    break;
                }
            }
        }
        String threw;
        if (cause == null) {
            threw = e.getMessage() == null ? "" : ": " + firstLine(e.getMessage());
        } else {
            String msg = cause.getMessage();
            threw = ": " + cause.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
        }
        return "the static initialiser" + where + " failed" + threw + " (fix the plugin's static initialiser: it runs "
                + "when the class is first used)";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
