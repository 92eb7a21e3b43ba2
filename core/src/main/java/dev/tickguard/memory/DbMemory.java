package dev.tickguard.memory;

import dev.tickguard.persist.Database;
import dev.tickguard.spi.Episode;
import dev.tickguard.spi.Memory;
import dev.tickguard.spi.MemoryHit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Memory} in the database's {@code episodes} and {@code vectors} tables. Reads are served from
 * memory (the last {@value #RECENT_EPISODES} episodes and every vector, loaded at start); writes go to
 * the database's writer thread, committed in order with the tick's step runs. An episode written
 * during a step run carries the run's key and its place in the run ({@link #forRun}): a resumed or
 * repeated run writes the same episode at most once (the table keeps one row per key and place). The
 * retention of ticks never prunes memory: it is the agent's. Thread-safe.
 */
public final class DbMemory implements Memory {
    static final int RECENT_EPISODES = 1_000;

    private final Database db;
    private final ArrayDeque<Episode> recent = new ArrayDeque<>();
    /**
     * The run key and place of the episodes loaded at start: a run repeated after a crash finds its
     * episode here (only runs of the last ticks are ever repeated), so the set never grows while running.
     */
    private final Set<String> written = new HashSet<>();
    private final Map<String, Entry> vectors = new LinkedHashMap<>();

    private record Entry(String text, float[] vector, double norm) {
    }

    /** Loads the recent episodes and the vectors. */
    public DbMemory(Database db) {
        this.db = db;
        try {
            db.read(c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT time, tick, step, text, outcome, run_key, seq "
                        + "FROM episodes ORDER BY id DESC LIMIT " + RECENT_EPISODES); ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        recent.addLast(new Episode(Instant.parse(r.getString(1)), r.getLong(2), r.getString(3),
                                r.getString(4), r.getString(5)));
                        if (r.getString(6) != null) {
                            written.add(r.getString(6) + "#" + r.getInt(7));
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement("SELECT key, text, vector FROM vectors");
                     ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        float[] v = floats(r.getBytes(3));
                        vectors.put(r.getString(1), new Entry(r.getString(2), v, norm(v)));
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new dev.tickguard.persist.DataFolderException("cannot read the memory from " + db.file() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The memory as a step run sees it: its episodes carry the run's key, so a repeated run writes each once. */
    public Memory forRun(String runKey) {
        return new Memory() {
            private int seq;

            @Override
            public void record(Episode episode) {
                int n;
                synchronized (this) {
                    n = seq++;
                }
                DbMemory.this.record(episode, runKey, n);
            }

            @Override
            public List<Episode> recentEpisodes(int limit) {
                return DbMemory.this.recentEpisodes(limit);
            }

            @Override
            public void storeEmbedding(String key, String text, float[] vector) {
                DbMemory.this.storeEmbedding(key, text, vector);
            }

            @Override
            public List<MemoryHit> nearest(float[] vector, int k) {
                return DbMemory.this.nearest(vector, k);
            }
        };
    }

    @Override
    public void record(Episode e) {
        record(e, null, 0);
    }

    private void record(Episode e, String runKey, int seq) {
        synchronized (this) {
            if (runKey != null && written.contains(runKey + "#" + seq)) {
                return; // this run wrote it before the process died (the table ignores it too)
            }
            if (recent.size() == RECENT_EPISODES) {
                recent.removeLast();
            }
            recent.addFirst(e);
        }
        db.submit(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO episodes(time, tick, step, text, outcome, "
                    + "run_key, seq) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, e.time().toString());
                p.setLong(2, e.tick());
                p.setString(3, e.step());
                p.setString(4, e.text());
                p.setString(5, e.outcome());
                p.setString(6, runKey);
                if (runKey == null) {
                    p.setNull(7, java.sql.Types.INTEGER);
                } else {
                    p.setInt(7, seq);
                }
                p.executeUpdate();
            }
        });
    }

    @Override
    public synchronized List<Episode> recentEpisodes(int limit) {
        List<Episode> out = new ArrayList<>(Math.min(Math.max(limit, 0), recent.size()));
        Iterator<Episode> it = recent.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    @Override
    public void storeEmbedding(String key, String text, float[] vector) {
        float[] copy = vector.clone();
        synchronized (this) {
            vectors.remove(key);
            vectors.put(key, new Entry(text, copy, norm(copy)));
        }
        db.submit(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO vectors(key, text, vector, tick) VALUES (?, ?, ?, ?)")) {
                p.setString(1, key);
                p.setString(2, text);
                p.setBytes(3, bytes(copy));
                p.setLong(4, tickOf(key));
                p.executeUpdate();
            }
        });
    }

    @Override
    public synchronized List<MemoryHit> nearest(float[] query, int k) {
        double qn = norm(query);
        List<MemoryHit> hits = new ArrayList<>();
        if (qn == 0 || k <= 0) {
            return hits;
        }
        for (Map.Entry<String, Entry> e : vectors.entrySet()) {
            Entry en = e.getValue();
            if (en.vector().length != query.length || en.norm() == 0) {
                continue;
            }
            double dot = 0;
            for (int i = 0; i < query.length; i++) {
                dot += query[i] * en.vector()[i];
            }
            hits.add(new MemoryHit(e.getKey(), en.text(), dot / (qn * en.norm())));
        }
        hits.sort((a, b) -> Double.compare(b.score(), a.score()));
        return hits.size() > k ? new ArrayList<>(hits.subList(0, k)) : hits;
    }

    /** How many embeddings are stored. */
    public synchronized int vectorCount() {
        return vectors.size();
    }

    /** N from a key of the form {@code tick-N/...}, else 0. */
    static long tickOf(String key) {
        if (!key.startsWith("tick-")) {
            return 0;
        }
        int end = key.indexOf('/');
        try {
            return Long.parseLong(key.substring(5, end < 0 ? key.length() : end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static float[] floats(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        return Math.sqrt(s);
    }
}
