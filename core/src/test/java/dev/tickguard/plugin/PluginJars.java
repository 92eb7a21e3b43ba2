package dev.tickguard.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.spi.ToolProvider;

/** Builds real plugin JARs for tests: compiles sources against the test class path and jars them. */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * @param sources class name -> Java source
     * @param services provider class names for META-INF/services/dev.tickguard.spi.Step (none: omit the file)
     */
    static Path build(Path dir, String jarName, Map<String, String> sources, List<String> services) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        Path classes = Files.createTempDirectory(dir, "classes");
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        if (javac.run(System.out, System.err, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("test plugin did not compile");
        }
        Path jar = dir.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            if (!services.isEmpty()) {
                out.putNextEntry(new JarEntry("META-INF/services/dev.tickguard.spi.Step"));
                out.write(String.join("\n", services).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    static void garbage(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("this is not a zip file".getBytes(StandardCharsets.UTF_8));
        }
    }

    static String step(String pkg, String cls, String id, String body) {
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
                    public JsonNode run(StepContext ctx) { return TextNode.valueOf("%s says hi at tick " + ctx.tick()); }
                    public JsonNode safeDefault() { return TextNode.valueOf("quiet"); }
                }
                """.formatted(pkg, cls, body, id, id);
    }
}
