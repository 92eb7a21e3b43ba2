package dev.tickguard.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a plugin class that uses Tickguard outside its SPI, by reading the class names in the
 * class file's constant pool. Checked before any plugin code runs, so the plugin is refused at load
 * with a clear reason instead of failing in the middle of a tick with an access error.
 */
final class InternalReferences {
    private static final Pattern TICKGUARD_CLASS = Pattern.compile("dev/tickguard/([A-Za-z0-9_$/]+)");

    private InternalReferences() {
    }

    /**
     * @param classFile the class file's bytes
     * @param own binary names (with '/') of the plugin's own classes, which may live in any package
     * @return the first Tickguard class outside the SPI that the class refers to, dotted
     */
    static Optional<String> firstInternal(InputStream classFile, Set<String> own) throws IOException {
        Optional<ConstantPool.Names> names = ConstantPool.read(classFile);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        // Class entries hold names; other entries hold descriptors like (Ldev/tickguard/x/Y;)V.
        List<String> texts = new ArrayList<>(names.get().classes());
        names.get().texts().stream().filter(t -> t.contains("Ldev/tickguard/")).forEach(texts::add);
        for (String text : texts) {
            Matcher m = TICKGUARD_CLASS.matcher(text);
            while (m.find()) {
                String name = "dev/tickguard/" + m.group(1);
                boolean spi = name.startsWith("dev/tickguard/spi/") && !name.startsWith("dev/tickguard/spi/internal/");
                if (!spi && !own.contains(name)) {
                    return Optional.of(name.replace('/', '.'));
                }
            }
        }
        return Optional.empty();
    }
}
