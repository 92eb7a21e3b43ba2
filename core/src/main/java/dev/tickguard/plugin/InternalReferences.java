package dev.tickguard.plugin;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
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
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            return Optional.empty();
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        boolean[] className = new boolean[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> className[in.readUnsignedShort()] = true;
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        for (int i = 1; i < count; i++) {
            if (utf8[i] == null) {
                continue;
            }
            // Class entries hold names; other entries hold descriptors like (Ldev/tickguard/x/Y;)V.
            String text = utf8[i];
            if (!className[i] && !text.contains("Ldev/tickguard/")) {
                continue;
            }
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
