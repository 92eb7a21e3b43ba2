package dev.tickguard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Chooses JavaFX's software renderer up front where hardware OpenGL cannot be had (issue 18, the
 * window's memory). By default JavaFX first tries OpenGL (Prism ES2): it loads libGL, Mesa's driver and
 * with it LLVM, then refuses a software OpenGL ("System GPU doesn't meet the es2 pipe requirement")
 * and falls back to its own software renderer anyway, leaving ~45 MB of LLVM and Mesa resident for the
 * process's life. On a Linux machine with no GPU device ({@code /dev/dri} empty or absent: a server, a
 * VM, a container, Xvfb) there is no hardware OpenGL to find, so the outcome is known before the try:
 * asking for {@code prism.order=sw} gives the same renderer, the same frames, without the libraries.
 * Where a GPU device exists nothing changes. A {@code prism.order} given on the command line wins.
 *
 * <p>GTK loads OpenGL too, to choose its visuals; the launcher ({@code app/launch-env}) stops that with
 * {@code GDK_GL=disable} under the same rule (only an environment variable can, before the process).
 *
 * <p>Main thread, before the JavaFX toolkit starts (Prism reads the property once).
 */
final class SoftwareRendering {
    private SoftwareRendering() {
    }

    /** Sets {@code prism.order=sw} when {@link #choice} says so. Before the toolkit starts. */
    static void applyBeforeToolkit() {
        String order = choice(System.getenv(), System.getProperty("os.name"), Path.of("/dev/dri"),
                System.getProperty("prism.order"));
        if (order != null) {
            System.setProperty("prism.order", order);
        }
    }

    /**
     * @param env the environment ({@code LIBGL_ALWAYS_SOFTWARE} set means only software OpenGL)
     * @param osName the {@code os.name} property
     * @param dri the folder of GPU devices ({@code /dev/dri} on Linux; its sibling {@code dxg} is WSL's GPU)
     * @param prismOrder the {@code prism.order} already set, or null
     * @return "sw" when OpenGL can only be software here, else null (leave JavaFX's own choice)
     */
    static String choice(Map<String, String> env, String osName, Path dri, String prismOrder) {
        boolean linux = osName != null && osName.toLowerCase(Locale.ROOT).contains("linux");
        if (!linux || prismOrder != null) {
            return null;
        }
        String forced = env.get("LIBGL_ALWAYS_SOFTWARE");
        if (forced != null && !forced.isBlank() && !forced.equals("0") && !forced.equalsIgnoreCase("false")) {
            return "sw";
        }
        // WSL exposes its GPU as /dev/dxg (Mesa's d3d12 driver), not under /dev/dri.
        return hasGpuDevice(dri) || Files.exists(dri.resolveSibling("dxg")) ? null : "sw";
    }

    /** True if the folder holds a GPU node (card*, renderD*); a folder that cannot be read counts as one. */
    private static boolean hasGpuDevice(Path dri) {
        if (!Files.isDirectory(dri)) {
            return false;
        }
        try (Stream<Path> nodes = Files.list(dri)) {
            return nodes.map(p -> p.getFileName().toString()).anyMatch(n -> n.startsWith("card") || n.startsWith("renderD"));
        } catch (IOException | SecurityException e) {
            return true; // unknown: keep JavaFX's own choice, as before
        }
    }
}
