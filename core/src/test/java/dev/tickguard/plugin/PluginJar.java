package dev.tickguard.plugin;

import dev.tickguard.spi.SpiVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds a real plugin JAR for tests: compiles Java sources with javac against the test class path
 * (plus any library JARs given) and packs the classes, a services file and a manifest.
 */
final class PluginJar {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final List<Path> compileAgainst = new ArrayList<>();
    private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();

    static PluginJar create() {
        return new PluginJar();
    }

    /** A plugin with a full descriptor for the current SPI. */
    static PluginJar plugin(String id, String version) {
        return new PluginJar().manifest(PluginDescriptor.ID, id).manifest(PluginDescriptor.VERSION, version)
                .manifest(PluginDescriptor.SPI_VERSION, SpiVersion.VERSION);
    }

    PluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** A step class {@code className} with this id whose run returns {@code "<id> says hi at tick N"}. */
    PluginJar step(String className, String id) {
        return step(className, id, "", "TextNode.valueOf(\"" + id + " says hi at tick \" + ctx.tick())")
                .services(className);
    }

    PluginJar step(String className, String id, String members, String runExpression) {
        return source(className, stepSource(className, id, members, runExpression));
    }

    PluginJar services(String... classNames) {
        services.addAll(List.of(classNames));
        return this;
    }

    PluginJar manifest(String key, String value) {
        manifest.put(key, value);
        return this;
    }

    /** Adds a file to the JAR as it is, e.g. a class copied from a library (a "fat" JAR). */
    PluginJar include(String entryName, byte[] bytes) {
        extraEntries.put(entryName, bytes);
        return this;
    }

    PluginJar compileAgainst(Path jar) {
        compileAgainst.add(jar);
        return this;
    }

    /** Compiles and writes the JAR to {@code target} (through a temporary name, so a watcher never sees half). */
    Path writeTo(Path target) throws IOException {
        Path work = Files.createTempDirectory("plugin-jar");
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-cp",
                System.getProperty("java.class.path") + compileAgainst.stream().map(p -> java.io.File.pathSeparator + p)
                        .reduce("", String::concat)));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        if (!sources.isEmpty()) {
            ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
            if (javac.run(System.out, System.err, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("test plugin did not compile");
            }
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), mf);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> e : extraEntries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
            if (!services.isEmpty()) {
                out.putNextEntry(new JarEntry(PluginLoader.SERVICES));
                out.write(String.join("\n", services).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    static void garbage(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("this is not a zip file".getBytes(StandardCharsets.UTF_8));
        }
    }

    static String stepSource(String className, String id, String members, String runExpression) {
        int dot = className.lastIndexOf('.');
        return """
                package %s;
                import com.fasterxml.jackson.databind.JsonNode;
                import com.fasterxml.jackson.databind.node.TextNode;
                import dev.tickguard.spi.*;
                import java.time.Duration;
                public class %s implements Step {
                    %s
                    public String id() { return "%s"; }
                    public Priority priority() { return Priority.OPTIONAL; }
                    public Phase phase() { return Phase.PARALLEL; }
                    public int order() { return 100; }
                    public Duration timeout() { return Duration.ofSeconds(5); }
                    public JsonNode run(StepContext ctx) throws Exception { return %s; }
                    public JsonNode safeDefault() { return TextNode.valueOf("quiet"); }
                }
                """.formatted(className.substring(0, dot), className.substring(dot + 1), members, id, runExpression);
    }
}
