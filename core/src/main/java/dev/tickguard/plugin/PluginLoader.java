package dev.tickguard.plugin;

import dev.tickguard.engine.DescribedStep;
import dev.tickguard.spi.Step;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * Loads one plugin into a class loader of its own and checks it before any step of it runs: its
 * JARs are readable, its descriptor fits this Tickguard, it uses nothing of Tickguard beyond the
 * SPI, every provider it names is a {@link Step} with a public no-argument constructor that can be
 * created, and every step describes itself properly and has a safe default. Every refusal is a
 * {@link PluginLoadException} with one line saying what is wrong and how to fix it.
 *
 * <p>Immutable and thread-safe; called on the plugin manager thread ({@code tickguard-plugins}). The
 * loaders it creates belong to {@link PluginLifecycle}, which closes them.
 */
final class PluginLoader {
    static final String SERVICES = "META-INF/services/" + Step.class.getName();
    private static final Pattern STEP_ID = Pattern.compile("[a-z][a-z0-9_]*");

    private final ClassLoader parent;
    private final Duration limit;

    /**
     * @param parent the parent of every plugin's loader (see {@link SpiOnlyClassLoader})
     * @param limit how long creating and checking a plugin's steps may take
     */
    PluginLoader(ClassLoader parent, Duration limit) {
        this.parent = parent;
        this.limit = limit;
    }

    /** What the plugin's JAR says about itself, read without running any of its code. */
    record Contents(PluginDescriptor descriptor, List<String> providers, String providersFrom) {
    }

    /**
     * Reads the plugin's JARs without running any of its code.
     *
     * @throws PluginLoadException if a JAR is unreadable, the descriptor is refused or the plugin
     *     reaches for Tickguard's internals
     */
    Contents inspect(PluginSource source) {
        if (source.problem() != null) {
            throw new PluginLoadException(source.problem());
        }
        for (Path jar : source.jars()) {
            readable(source, jar);
        }
        try (JarFile jar = new JarFile(source.jar().toFile())) {
            Manifest manifest = jar.getManifest();
            PluginDescriptor descriptor = PluginDescriptor.read(manifest, source.fallbackId());
            Set<String> own = new HashSet<>();
            for (Path p : source.jars()) {
                own.addAll(classNames(p));
            }
            checkNoInternals(jar, own);
            Set<String> providers = new LinkedHashSet<>();
            List<String> from = new ArrayList<>();
            JarEntry services = jar.getJarEntry(SERVICES);
            if (services != null) {
                try (InputStream in = jar.getInputStream(services)) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        String name = line.replaceAll("#.*", "").trim();
                        if (!name.isEmpty()) {
                            providers.add(name);
                        }
                    }
                }
                from.add(SERVICES);
            }
            JarEntry moduleInfo = jar.getJarEntry("module-info.class");
            if (moduleInfo != null) {
                try (InputStream in = jar.getInputStream(moduleInfo)) {
                    ModuleDescriptor md = ModuleDescriptor.read(in);
                    md.provides().stream().filter(p -> p.service().equals(Step.class.getName()))
                            .forEach(p -> providers.addAll(p.providers()));
                }
                from.add("module-info's 'provides'");
            }
            if (providers.isEmpty()) {
                throw new PluginLoadException("provides no " + Step.class.getName() + ": add a file " + SERVICES
                        + " naming your step class (or a 'provides' clause in module-info.java)");
            }
            return new Contents(descriptor, List.copyOf(providers), String.join(" / ", from));
        } catch (IOException e) {
            throw new PluginLoadException(source.name() + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * Creates the plugin's steps in a new class loader and checks them.
     *
     * @throws PluginLoadException with the reason, the loader closed again
     */
    LoadedPlugin load(PluginSource source, Contents contents) {
        List<Path> jars = source.jars();
        URL[] urls = new URL[jars.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
        } catch (IOException e) {
            throw new PluginLoadException(source.name() + ": " + e.getMessage());
        }
        URLClassLoader loader = new URLClassLoader("plugin:" + contents.descriptor().id(), urls, parent);
        try {
            List<Step> steps = TimeLimit.run("creating the steps of " + source.name(), limit, loader, () -> {
                // Before any plugin code runs: a library left out is refused now, not in every tick.
                Optional<MissingClasses.Missing> missing = MissingClasses.first(contents.providers(), loader);
                if (missing.isPresent()) {
                    throw new PluginLoadException(PluginErrors.explain(new NoClassDefFoundError(
                            missing.get().name()), source) + " (" + missing.get().usedBy() + " uses it)");
                }
                return create(source, contents, loader);
            }, e -> PluginErrors.explain(e, source)); // plugin code: Errors too (StackOverflowError) fail the plugin only
            return new LoadedPlugin(source, contents.descriptor(), loader, steps);
        } catch (PluginLoadException e) {
            close(loader);
            throw e;
        }
    }

    private static List<Step> create(PluginSource source, Contents contents, ClassLoader loader) {
        List<Step> steps = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String name : contents.providers()) {
            Step step = describe(source, name, instantiate(source, contents, loader, name));
            if (!ids.add(step.id())) {
                throw new PluginLoadException("two of its steps have the id '" + step.id() + "': step ids must be unique");
            }
            steps.add(step);
        }
        return steps;
    }

    private static Step instantiate(PluginSource source, Contents contents, ClassLoader loader, String name) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new PluginLoadException(contents.providersFrom() + " names " + name
                    + ", which is not in the plugin: correct the class name there");
        } catch (LinkageError e) {
            throw new PluginLoadException("class " + name + " cannot be loaded: " + PluginErrors.explain(e, source));
        }
        if (!Step.class.isAssignableFrom(type)) {
            throw new PluginLoadException(contents.providersFrom() + " names " + name + ", which does not implement "
                    + Step.class.getName() + ": name your step class there");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new PluginLoadException(name + " is abstract: " + contents.providersFrom() + " must name a concrete class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new PluginLoadException(name + " has no public no-argument constructor: add one (Tickguard creates "
                    + "steps the way ServiceLoader does)");
        }
        try {
            return (Step) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new PluginLoadException("the constructor of " + name + " threw "
                    + PluginErrors.explain(e.getCause(), source));
        } catch (ExceptionInInitializerError e) {
            throw new PluginLoadException("the static initialiser of " + name + " threw "
                    + PluginErrors.explain(e.getCause() == null ? e : e.getCause(), source));
        } catch (ReflectiveOperationException e) {
            throw new PluginLoadException(name + " cannot be created: " + PluginErrors.explain(e, source));
        } catch (LinkageError e) {
            throw new PluginLoadException(name + " cannot be created: " + PluginErrors.explain(e, source));
        }
    }

    /**
     * Reads the step's descriptors once (here, under the time limit: nobody calls them again) and checks
     * them and its safe default.
     *
     * @return the step as everything else sees it: its descriptors answered from the values read here
     */
    private static DescribedStep describe(PluginSource source, String name, Step step) {
        String what = "step " + name;
        try {
            DescribedStep d = DescribedStep.read(step);
            String id = d.id();
            if (id == null || !STEP_ID.matcher(id).matches()) {
                throw new PluginLoadException(what + ": id '" + id + "' must be lower-case letters, digits and '_'");
            }
            what = "step '" + id + "'";
            if (d.priority() == null || d.phase() == null) {
                throw new PluginLoadException(what + ": priority() and phase() must not be null");
            }
            Duration timeout = d.timeout();
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new PluginLoadException(what + ": timeout() must be positive, got " + timeout);
            }
            if (step.safeDefault() == null) {
                throw new PluginLoadException(what + ": safeDefault() returned null; it must return a value that is "
                        + "always safe to use (the engine's last resort)");
            }
            return d;
        } catch (PluginLoadException e) {
            throw e;
        } catch (Throwable e) { // any Throwable from plugin code, Errors too: the plugin fails, never the start
            throw new PluginLoadException(what + " cannot describe itself (id, priority, phase, order, timeout, "
                    + "safeDefault): " + PluginErrors.explain(e, source));
        }
    }

    private static void readable(PluginSource source, Path jar) {
        String shown = source.location().equals(jar) ? source.name()
                : source.name() + "/" + source.location().relativize(jar).toString().replace('\\', '/');
        try {
            if (Files.size(jar) == 0) {
                throw new PluginLoadException(shown + " is empty (0 bytes): copy it again or rebuild it");
            }
            try (JarFile j = new JarFile(jar.toFile())) {
                j.getManifest();
            }
        } catch (PluginLoadException e) {
            throw e;
        } catch (IOException | SecurityException e) {
            throw new PluginLoadException(shown + " is not a readable JAR (" + e.getMessage()
                    + "): copy it again or rebuild it");
        }
    }

    private static Set<String> classNames(Path jarPath) throws IOException {
        Set<String> out = new HashSet<>();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (n.endsWith(".class")) {
                    out.add(n.replaceFirst("^META-INF/versions/\\d+/", "").replaceFirst("\\.class$", ""));
                }
            }
        }
        return out;
    }

    private static void checkNoInternals(JarFile jar, Set<String> own) throws IOException {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            if (!entry.getName().endsWith(".class") || entry.getName().endsWith("module-info.class")) {
                continue;
            }
            Optional<String> internal;
            try (InputStream in = jar.getInputStream(entry)) {
                internal = InternalReferences.firstInternal(in, own);
            } catch (IOException | RuntimeException unreadable) {
                continue; // a damaged class fails properly when it is loaded
            }
            if (internal.isPresent()) {
                String cls = entry.getName().replaceFirst("^META-INF/versions/\\d+/", "").replaceFirst("\\.class$", "")
                        .replace('/', '.');
                throw new PluginLoadException("class " + cls + " uses " + internal.get() + ", which is internal to "
                        + "Tickguard: a plugin may use only dev.tickguard.spi (plus the JDK, Jackson and the libraries "
                        + "it ships); build against the SPI alone");
            }
        }
    }

    /** The SHA-256 of a file, lower-case hex, as {@code sha256sum} prints it. */
    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // Only file handles; the collector releases them.
        }
    }
}
