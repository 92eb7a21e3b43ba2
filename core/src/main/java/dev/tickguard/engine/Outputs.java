package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The outputs of one tick's steps so far, in the order they arrived. Each step sees a frozen
 * {@link #view()}: a read-only map over the outputs present when it started. Outputs are only ever
 * appended (step ids are unique), so a view is the first {@code n} entries and costs nothing to
 * make, where a copy per step would cost a map. Thread-safe.
 */
final class Outputs {
    private final String[] ids;
    private final JsonNode[] values;
    /** Entries below it are written and never change again. */
    private volatile int size;

    Outputs(int capacity) {
        ids = new String[capacity];
        values = new JsonNode[capacity];
    }

    /** Adds a step's output; a step id is added at most once per tick. */
    synchronized void add(String id, JsonNode value) {
        int n = size;
        ids[n] = id;
        values[n] = value;
        size = n + 1;
    }

    /** The outputs present now, as a read-only map that never changes. */
    Map<String, JsonNode> view() {
        int n = size;
        return n == 0 ? Map.of() : new View(n);
    }

    private final class View extends AbstractMap<String, JsonNode> {
        private final int n;

        View(int n) {
            this.n = n;
        }

        private int indexOf(Object id) {
            for (int i = 0; i < n; i++) {
                if (ids[i].equals(id)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public JsonNode get(Object id) {
            int i = indexOf(id);
            return i < 0 ? null : values[i];
        }

        @Override
        public boolean containsKey(Object id) {
            return indexOf(id) >= 0;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public Set<Entry<String, JsonNode>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, JsonNode>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < n;
                        }

                        @Override
                        public Entry<String, JsonNode> next() {
                            if (i >= n) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, JsonNode> e = new SimpleImmutableEntry<>(ids[i], values[i]);
                            i++;
                            return e;
                        }
                    };
                }

                @Override
                public int size() {
                    return n;
                }
            };
        }
    }
}
