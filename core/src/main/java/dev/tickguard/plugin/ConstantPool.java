package dev.tickguard.plugin;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The names a class file refers to, read from its constant pool without loading it: the class
 * entries (every class it instantiates, calls, casts to or extends) and the other texts (descriptors
 * such as {@code (Lorg/example/X;)V}). Names use '/' as in class files. Stateless.
 */
final class ConstantPool {
    /**
     * @param classes the class entries' names, array types reduced to their element class
     * @param texts every other UTF-8 entry (descriptors, signatures, strings)
     */
    record Names(Set<String> classes, List<String> texts) {
    }

    private ConstantPool() {
    }

    /** The class file's names, or empty if it is not a class file this reader understands. */
    static Optional<Names> read(InputStream classFile) throws IOException {
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
        Set<String> classes = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] == null) {
                continue;
            }
            if (className[i]) {
                String element = elementClass(utf8[i]);
                if (element != null) {
                    classes.add(element);
                }
            } else {
                texts.add(utf8[i]);
            }
        }
        return Optional.of(new Names(classes, texts));
    }

    /** {@code [[Lorg/x/Y;} is {@code org/x/Y}; {@code [I} has none (null); a plain name is itself. */
    private static String elementClass(String name) {
        if (!name.startsWith("[")) {
            return name;
        }
        int i = name.lastIndexOf('[') + 1;
        return name.charAt(i) == 'L' && name.endsWith(";") ? name.substring(i + 1, name.length() - 1) : null;
    }
}
