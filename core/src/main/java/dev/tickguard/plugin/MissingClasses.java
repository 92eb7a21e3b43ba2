package dev.tickguard.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, at load, a class a plugin's steps need that nothing provides (a library left out of the
 * plugin), so the plugin is refused with "it needs class X: ship that library" instead of loading and
 * then throwing {@code NoClassDefFoundError} in every tick. It reads constant pools (no plugin code
 * runs): the step classes, and the plugin's own classes in their packages that they refer to; every
 * class they name must then be found by the plugin's loader (its JARs, the SPI, the JDK).
 *
 * <p>Classes of bundled libraries are not followed, so a library's optional dependencies (classes
 * it names but never loads unless used) do not refuse a plugin. Stateless; called on the plugin
 * manager's hook thread while the plugin loads.
 */
final class MissingClasses {
    /** Bounds the walk in a very large plugin; what is beyond it is left to run time. */
    private static final int MAX_CLASSES = 2_000;

    /** A class nothing provides, and the plugin class that names it. */
    record Missing(String name, String usedBy) {
    }

    private MissingClasses() {
    }

    /** @param stepClasses the step classes' binary names (dotted) */
    static Optional<Missing> first(List<String> stepClasses, URLClassLoader loader) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        Set<String> roots = new HashSet<>();
        for (String name : stepClasses) {
            String internal = name.replace('.', '/');
            todo.add(internal);
            seen.add(internal);
            roots.add(packageOf(internal));
        }
        int read = 0;
        while (!todo.isEmpty() && read++ < MAX_CLASSES) {
            String current = todo.poll();
            URL own = loader.findResource(current + ".class"); // the plugin's JARs only, not the parents
            if (own == null) {
                continue;
            }
            Optional<ConstantPool.Names> names;
            try (InputStream in = own.openStream()) {
                names = ConstantPool.read(in);
            }
            if (names.isEmpty()) {
                continue;
            }
            for (String ref : names.get().classes()) {
                if (!seen.add(ref)) {
                    continue;
                }
                if (loader.findResource(ref + ".class") != null) {
                    if (inside(ref, roots)) {
                        todo.add(ref);
                    }
                } else if (!loadable(ref, loader)) {
                    return Optional.of(new Missing(ref.replace('/', '.'), current.replace('/', '.')));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean loadable(String internalName, ClassLoader loader) {
        try {
            Class.forName(internalName.replace('/', '.'), false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean inside(String internalName, Set<String> roots) {
        String p = packageOf(internalName);
        for (String r : roots) {
            if (p.equals(r) || p.startsWith(r + "/")) {
                return true;
            }
        }
        return false;
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }
}
