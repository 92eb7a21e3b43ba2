package dev.tickguard.app.ui;

import java.util.function.Function;
import java.util.function.IntConsumer;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * Builds a tab's content when the tab is first shown, not when the window opens (issue 18 "build
 * hidden tabs when first shown"): loading the seven tabs' FXML and skinning their tables took most
 * of the dashboard's 2 s build on the FX thread, and a user looks at one tab at a time. A tab to
 * build lazily names its FXML file in its {@code userData}. The view models behind the tabs live from
 * the start and keep following the engine, so a tab built late shows the same state as one built at
 * once. FX thread only.
 */
final class LazyTabs {
    private LazyTabs() {
    }

    /**
     * Builds the selected tab's content now and each other's when it is first selected.
     *
     * @param load loads an FXML file by name into its content
     * @param built told each tab's index once its content is built
     */
    static void install(TabPane tabs, Function<String, Node> load, IntConsumer built) {
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            Tab tab = tabs.getTabs().get(i);
            if (!(tab.getUserData() instanceof String fxml) || tab.getContent() != null) {
                continue;
            }
            int index = i;
            Runnable build = () -> {
                if (tab.getContent() == null) {
                    tab.setContent(load.apply(fxml));
                    built.accept(index);
                }
            };
            if (tab.isSelected()) {
                build.run();
            } else {
                tab.selectedProperty().addListener((o, was, now) -> {
                    if (now) {
                        build.run();
                    }
                });
            }
        }
    }

    /** Whether {@code tab}'s content is built (for tests and the window's own bookkeeping). */
    static boolean built(Tab tab) {
        return tab.getContent() != null;
    }
}
