package dev.tickguard.app.ui;

import dev.tickguard.control.ControlListener;
import dev.tickguard.control.ControlSubscription;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;

/**
 * Connects the control API's subscription to the window: the subscription's thread only offers
 * events to the {@link FxPump}; the pump applies them to the view model once per pulse. If the pump
 * drops events, or the subscription ends because it overflowed, the next pulse shows a fresh
 * snapshot (re-subscribing if needed), and events already in that snapshot are skipped by their
 * sequence numbers. FX thread, except where noted.
 */
public final class DashboardFeed implements AutoCloseable {
    private final TickguardControl control;
    private final DashboardViewModel vm;
    private final FxPump<Sequenced<TickEvent>> pump;
    private ControlSubscription subscription;

    public DashboardFeed(TickguardControl control, DashboardViewModel vm, int capacity) {
        this.control = control;
        this.vm = vm;
        this.pump = new FxPump<>(capacity, this::apply);
    }

    /** Subscribes, shows the snapshot, and starts the pump. */
    public void start() {
        subscribe();
        pump.start();
    }

    private void subscribe() {
        ControlListener listener = new ControlListener() {
            @Override
            public void onEvent(Sequenced<TickEvent> event) {
                pump.offer(event); // subscription thread: enqueue only, never wait
            }

            @Override
            public void onOverflow(long lastDelivered) {
                pump.requestResync(); // subscription thread
            }
        };
        subscription = control.subscribe(listener);
        vm.load(subscription.snapshot());
        vm.refreshTargets();
    }

    private void apply(java.util.List<Sequenced<TickEvent>> batch, boolean resync) {
        if (resync && subscription != null && !subscription.isOpen()) {
            subscribe();
            vm.apply(batch, false);
        } else {
            vm.apply(batch, resync);
        }
    }

    /** The pump, for the bench's frame statistics and the status line. */
    public FxPump<Sequenced<TickEvent>> pump() {
        return pump;
    }

    @Override
    public void close() {
        pump.stop();
        if (subscription != null) {
            subscription.close();
        }
    }
}
