package dev.tickguard.control.internal;

import java.util.ArrayDeque;
import java.util.List;

/** A bounded list that forgets its oldest entry when full. Not thread-safe. */
final class Ring<T> {
    private final int capacity;
    private final ArrayDeque<T> items;

    Ring(int capacity) {
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    void add(T item) {
        if (items.size() == capacity) {
            items.removeFirst();
        }
        items.addLast(item);
    }

    List<T> list() {
        return List.copyOf(items);
    }
}
