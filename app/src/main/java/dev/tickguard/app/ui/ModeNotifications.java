package dev.tickguard.app.ui;

import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SystemMode;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * A desktop notification when the mode leaves NORMAL and when it returns (issue 18 item 4), not for
 * every new reason in between: a monitor's user wants to hear that something broke and that it is
 * fixed. Off by a switch (saved with the window settings). FX thread only.
 */
final class ModeNotifications {
    private BiConsumer<String, String> send = (title, body) -> { };
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);

    /** Sets what shows a title and a body on the desktop (see {@link DesktopNotifier}); until then, nothing. */
    void sender(BiConsumer<String, String> send) {
        this.send = send;
    }

    void apply(TickEvent e) {
        if (!(e instanceof TickEvent.ModeChanged m) || !enabled.get() || m.from() == m.to()) {
            return;
        }
        if (m.from() == SystemMode.NORMAL) {
            send.accept("Tickguard: " + m.to(), m.reason());
        } else if (m.to() == SystemMode.NORMAL) {
            send.accept("Tickguard: back to NORMAL", m.reason());
        }
    }

    BooleanProperty enabledProperty() {
        return enabled;
    }
}
