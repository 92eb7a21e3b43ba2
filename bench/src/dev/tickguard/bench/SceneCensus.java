package dev.tickguard.bench;

import java.util.Map;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * Counts the nodes of a scene graph, in total and by the class of each node's nearest ancestor that
 * has an id or a style class naming a part of the dashboard. Every pulse walks the whole graph
 * (JavaFX's bounds pass visits every node, shown or not), so the count is a cost per frame. FX thread.
 */
final class SceneCensus {
    private SceneCensus() {
    }

    /** All nodes under {@code root}, itself included. */
    static int count(Node root) {
        int n = 1;
        if (root instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                n += count(c);
            }
        }
        return n;
    }

    /** Nodes under each child of {@code root} (by its class and id), largest first, e.g. "SplitPane 812, ...". */
    static String byChild(Parent root, int depth) {
        Map<String, Integer> m = new TreeMap<>();
        collect(root, depth, "", m);
        return m.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }

    private static void collect(Parent p, int depth, String path, Map<String, Integer> out) {
        for (Node c : p.getChildrenUnmodifiable()) {
            String name = path + "/" + c.getClass().getSimpleName() + (c.getId() == null ? "" : "#" + c.getId());
            if (depth <= 1 || !(c instanceof Parent cp)) {
                out.merge(name, count(c), Integer::sum);
            } else {
                collect(cp, depth - 1, name, out);
            }
        }
    }
}
