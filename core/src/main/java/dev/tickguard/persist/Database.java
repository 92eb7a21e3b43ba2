package dev.tickguard.persist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The data folder's one database, {@code <data>/tickguard.db} (SQLite, WAL): the single owner of its
 * connections. Writes go through one writer thread ({@code tickguard-db-writer}): callers hand it a
 * {@link Write} and return at once (an enqueue that, while changes keep coming, wakes no thread: see
 * {@link WriterPace}); it applies whatever has queued up in one transaction (a tick's
 * steps usually commit together) and runs each write's {@link Write#afterCommit} once the commit is
 * on disk. Writes commit in the order they were submitted, so a later step's record (or an episode it
 * wrote) is never on disk without the earlier steps' records it could have read. Reads run on their
 * own connections ({@link #read}), never waiting for the writer (WAL).
 *
 * <p>A commit the disk refuses (full, read-only, gone) is kept and retried every
 * {@link #RETRY_MILLIS} ms while new writes keep queueing (up to {@link #MAX_PENDING}; beyond that
 * the oldest are dropped and counted): {@link #writeProblem()} says why for the health monitor, and
 * writing resumes by itself when the disk takes writes again. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    /** The file's name in the data folder. */
    public static final String FILE = "tickguard.db";
    static final long RETRY_MILLIS = 2_000;
    /** How long the writer waits after a first change for more to commit with it (and between its own looks). */
    static final long LINGER_MILLIS = 5;
    /**
     * How long after the last change the writer keeps looking for more by itself, every linger, before it
     * blocks again: a tick's steps that end closer together than this hand over with a plain enqueue.
     */
    static final long ATTENTIVE_MILLIS = 50;
    /** Writes kept while the disk refuses them; beyond this the oldest are dropped (and counted). */
    static final int MAX_PENDING = 200_000;
    private static final int READERS = 4;
    /** The most writes one transaction takes (a tick is about 15): bounded, so a commit never needs much space at once. */
    static final int MAX_BATCH = 256;

    /** One change to the database, applied on the writer thread inside a transaction. */
    public interface Write {
        /** Applies the change; a {@link SQLException} rolls the whole batch back and it is retried. */
        void apply(Connection c) throws SQLException;

        /** Runs on the writer thread once the change is committed (e.g. the journal mirror's line). */
        default void afterCommit() {
        }

        /** Runs on the writer thread if the change is dropped for good (the queue overflowed while the disk refused writes). */
        default void dropped() {
        }
    }

    /** A change that changes nothing: wakes the writer. */
    private static final Write NOTHING = c -> {
    };

    /** A read on a reader connection. */
    public interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    private final Path file;
    // Only the writer thread uses it after the constructor (and close, after that thread ended).
    private Connection writer;
    /** Opened only to read: no writer thread, and {@link #submit} refuses. */
    private final boolean readOnly;
    private final java.util.concurrent.LinkedBlockingDeque<Write> queue = new java.util.concurrent.LinkedBlockingDeque<>();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final AtomicLong openReaders = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    private final RepeatedWarning cannotWrite = new RepeatedWarning(LOG);
    private volatile String writeProblem;
    private volatile boolean closing;

    /** The identity (device and inode) of the data folder and of the file when opened. */
    private final Object folderKey;
    /** Changes once: when a damaged file is replaced by a fresh one ({@link #checkThenWrite}). */
    private volatile Object fileKey;
    /** Completes when the writer's {@code quick_check} has ended (and a damaged file was replaced). */
    private final CompletableFuture<Void> checked = new CompletableFuture<>();
    /** The running check's statement, so {@link #close} can interrupt it; guarded by {@link #checked}. */
    private Statement check;
    /** Set by {@link #close}: a check not yet started is skipped; guarded by {@link #checked}. */
    private boolean checkCancelled;
    /** Bumped when the file is replaced: reader connections of an older generation are closed, not reused. */
    private volatile int generation;

    /** @param writer the write connection, or null for a database opened only to read ({@link #openForReading}) */
    private Database(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
        this.readOnly = writer == null;
        this.folderKey = key(file.toAbsolutePath().getParent());
        this.fileKey = key(file);
        if (readOnly) {
            this.thread = null;
            return;
        }
        this.thread = new Thread(this::checkThenWrite, "tickguard-db-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Opens the database of a data folder only to read it ({@code tickguard history}), while Tickguard
     * may be running there: no writer, no lock, nothing created, migrated or set aside.
     *
     * @throws DataFolderException if there is no readable Tickguard database there (one line saying why)
     */
    public static Database openForReading(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new DataFolderException("no Tickguard database in " + dataDir + " (" + f
                    + " does not exist): give the data folder Tickguard runs with (--data DIR)");
        }
        try (Connection c = DatabaseFile.reader(f)) {
            int v = Schema.version(c);
            if (v == 0 || v > Schema.current()) {
                throw new DataFolderException(f + " is " + (v == 0 ? "not a Tickguard database (no schema)"
                        : "from a newer Tickguard (schema " + v + ", this one reads up to " + Schema.current() + ")"));
            }
        } catch (SQLException e) {
            throw new DataFolderException("cannot read " + f + ": " + DatabaseFile.describe(e), e);
        }
        return new Database(f, null);
    }

    /**
     * Opens (creating or migrating) the database in the data folder; see {@link DatabaseFile#open}
     * for what is done with a damaged, read-only or locked file.
     *
     * @throws DataFolderException when it cannot be used at all (one line naming the file and why)
     */
    public static Database open(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new DataFolderException("cannot create data folder " + dataDir + ": " + DataFolder.describe(e), e);
        }
        Database db = new Database(f, DatabaseFile.open(f));
        try {
            FileImport.runIfNeeded(db, new DataFolder(dataDir));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** Hands a change to the writer thread; returns at once. */
    public void submit(Write w) {
        if (readOnly) {
            throw new IllegalStateException(file + " was opened only to read");
        }
        if (queue.size() >= MAX_PENDING) {
            Write old = queue.poll();
            if (old != null) {
                dropped.incrementAndGet();
                old.dropped();
            }
        }
        queue.add(w);
    }

    /** Completes when everything submitted before it is committed (or the database is closed). */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new Write() {
            @Override
            public void apply(Connection c) {
            }

            @Override
            public void afterCommit() {
                done.complete(null);
            }

            @Override
            public void dropped() {
                done.complete(null);
            }
        });
        return done;
    }

    /** Waits (at most {@code millis}) until everything submitted so far is committed; false if it was not. */
    public boolean flush(long millis) {
        try {
            flush().get(millis, TimeUnit.MILLISECONDS);
            return writeProblem == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Runs a read on a reader connection (WAL: it sees the last commit and never waits for the writer). */
    public <T> T read(Read<T> r) throws SQLException {
        int gen;
        Connection c;
        // Under the lock the writer holds while it replaces a damaged file: never a connection to no file.
        synchronized (readers) {
            gen = generation;
            c = readers.poll();
            if (c == null) {
                c = DatabaseFile.reader(file);
                openReaders.incrementAndGet();
            }
        }
        boolean ok = false;
        try {
            T t = r.apply(c);
            ok = true;
            return t;
        } finally {
            boolean kept;
            synchronized (readers) {
                // A connection to a file that was set aside meanwhile would keep reading it: closed.
                kept = ok && !closing && gen == generation && readers.offer(c);
            }
            if (!kept) {
                closeQuietly(c);
            }
        }
    }

    /** Why the database cannot be written now (e.g. "disk full"), or null if it can. */
    public String writeProblem() {
        return writeProblem;
    }

    /**
     * Why the database is no longer the one opened (issue 17 D4: the data folder removed or replaced
     * while Tickguard runs, e.g. {@code rm -rf ~/.tickguard}): then records go into a deleted file
     * and a second Tickguard could start on the new folder. Null while all is well.
     */
    public String identityProblem() {
        Path dir = file.toAbsolutePath().getParent();
        Object d = key(dir);
        if (d == null || !d.equals(folderKey)) {
            return "the data folder " + dir + " was " + (d == null ? "removed" : "replaced") + " while Tickguard ran";
        }
        Object f = key(file);
        if (f == null || !f.equals(fileKey)) {
            return "the database " + file + " was " + (f == null ? "removed" : "replaced") + " while Tickguard ran";
        }
        return null;
    }

    private static Object key(Path p) {
        try {
            Object k = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
            return k != null ? k : p.toRealPath().toString();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Writes dropped because the disk refused writes for too long (each a lost record). */
    public long droppedWrites() {
        return dropped.get();
    }

    /** Writes waiting for the writer thread (or for the disk). */
    public int pendingWrites() {
        return queue.size();
    }

    /** The writer thread (null for a database opened only to read): for tests of how it waits. */
    Thread writerThread() {
        return thread;
    }

    /** Transactions committed so far. */
    public long commits() {
        return commits.get();
    }

    /**
     * Completes when the file's {@code quick_check} has ended, and, if it found damage, the file was
     * set aside and a fresh one put in its place (then holding what was written meanwhile).
     */
    public CompletableFuture<Void> checked() {
        return checked;
    }

    /**
     * The writer thread: {@code PRAGMA quick_check} first (issue 19: it took 14-19 s on a database
     * of 1,000,000 ticks, and the window and the first tick waited for it at the open), then the
     * writes. Writes handed over meanwhile wait in the queue, so nothing is committed to a file
     * before it passed the check. A damaged file is set aside as {@code tickguard.db.bad} and a
     * fresh one started (one WARN line, as a damage found at the open); the waiting writes then go
     * into the fresh file, so the ticks run since the start are kept, and reader connections to the
     * old file are closed. Reads made before the check ended read the old file (a read that meets
     * the damage fails as SQLite reports it). {@link #close} interrupts a check under way: it runs
     * again at the next start.
     */
    private void checkThenWrite() {
        try {
            String damage;
            try (Statement s = writer.createStatement()) {
                boolean run;
                synchronized (checked) {
                    run = !checkCancelled;
                    check = run ? s : null;
                }
                damage = run ? DatabaseFile.damage(s) : null;
                synchronized (checked) {
                    check = null;
                }
            } catch (SQLException e) {
                damage = null; // no statement: the commits report what is wrong with the file
            }
            if (damage != null) {
                replaceDamaged(damage);
            }
        } catch (RuntimeException e) {
            LOG.warning("cannot replace the damaged database " + file + ": " + e.getMessage() + "; writing on in it");
        } finally {
            checked.complete(null);
        }
        writeLoop();
    }

    private void replaceDamaged(String damage) {
        synchronized (readers) {
            generation++;
            Connection c;
            while ((c = readers.poll()) != null) {
                closeQuietly(c);
            }
            closeQuietly(writer);
            writer = null;
            writer = DatabaseFile.fresh(file, damage);
            fileKey = key(file);
        }
        // As a fresh file at the open: the history the journal mirror has, first (older ticks before this run's).
        Write rebuild = FileImport.pending(this, new DataFolder(file.toAbsolutePath().getParent()));
        if (rebuild != null) {
            queue.addFirst(rebuild);
        }
    }

    private void writeLoop() {
        List<Write> batch = new ArrayList<>();
        WriterPace pace = new WriterPace(LINGER_MILLIS, ATTENTIVE_MILLIS);
        while (true) {
            try {
                if (batch.isEmpty()) {
                    Write first = nextChange(pace);
                    if (first == null) {
                        if (closing && queue.isEmpty()) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                }
                // Small transactions while the disk refuses: each retry must fit in the space that returns.
                int limit = writeProblem == null ? MAX_BATCH : 1;
                if (batch.size() > limit) {
                    for (int i = batch.size() - 1; i >= limit; i--) {
                        queue.putFirst(batch.remove(i));
                    }
                } else {
                    queue.drainTo(batch, limit - batch.size());
                }
                if (commit(batch)) {
                    for (Write w : batch) {
                        afterCommit(w);
                    }
                    batch.clear();
                } else if (closing) {
                    // The disk still refuses and we are closing: what is not committed is lost, and said so.
                    LOG.warning("closing " + file + " with " + (batch.size() + queue.size())
                            + " change(s) not written (" + writeProblem + ")");
                    return;
                } else {
                    Thread.sleep(RETRY_MILLIS);
                }
            } catch (InterruptedException e) {
                if (closing) {
                    return;
                }
            } catch (RuntimeException | Error e) {
                // A bug in one write must not end the writer: that batch is dropped, said so.
                LOG.log(Level.SEVERE, "database writer failed; " + batch.size() + " change(s) dropped", e);
                batch.forEach(Database::droppedQuietly);
                batch.clear();
            }
        }
    }

    /**
     * The next change to commit, or null if there is none yet. How the writer waits is what the tick
     * pays for its hand-off (see {@link WriterPace}): while changes keep coming it looks again every
     * linger by itself, so {@link #submit} is a plain enqueue that wakes no thread; after a quiet
     * spell it blocks, and the first change wakes it (then it lingers so the rest commit with it).
     */
    private Write nextChange(WriterPace pace) throws InterruptedException {
        if (closing) {
            return queue.poll();
        }
        if (pace.attentive()) {
            Write w = queue.poll();
            if (w == null) {
                Thread.sleep(pace.lingerMillis());
                w = queue.poll();
            }
            pace.looked(w != null);
            return w;
        }
        // Quiet: block without a timeout (an idle Tickguard's writer never wakes); close() wakes it.
        Write first = queue.take();
        pace.looked(true);
        if (!closing && queue.isEmpty()) {
            // A tick hands over a change per step within milliseconds: waiting briefly for the rest commits
            // them together (a few commits a tick, not one per step), off the tick's path.
            Thread.sleep(pace.lingerMillis());
        }
        return first;
    }

    /** One transaction for the batch; false (rolled back, kept for a retry) if the disk refused it. */
    private boolean commit(List<Write> batch) {
        try {
            if (writer == null) {
                writer = DatabaseFile.writer(file);
            }
            writer.setAutoCommit(false);
            for (Write w : batch) {
                try {
                    w.apply(writer);
                } catch (RuntimeException bug) {
                    // A bug in one change must not cost the others of its transaction: it alone is dropped.
                    LOG.log(Level.SEVERE, "a change to " + file + " failed and is dropped", bug);
                    dropped.incrementAndGet();
                }
            }
            writer.commit();
            commits.incrementAndGet();
            if (writeProblem != null) {
                LOG.info("database " + file + " is written again (" + batch.size() + " change(s) kept meanwhile)");
                writeProblem = null;
                cannotWrite.clear();
            }
            return true;
        } catch (SQLException e) {
            // SQLite may have rolled back by itself (a full disk does): a new connection starts clean.
            if (writer != null) {
                try {
                    writer.rollback();
                } catch (SQLException ignored) {
                    // Gone with the failure.
                }
                closeQuietly(writer);
                writer = null;
            }
            writeProblem = DatabaseFile.describe(e);
            cannotWrite.warn("cannot write database " + file + " (" + writeProblem + "); ticks go on, "
                    + (batch.size() + queue.size()) + " change(s) kept in memory and retried");
            return false;
        }
    }

    private static void afterCommit(Write w) {
        try {
            w.afterCommit();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "after a database commit", e);
        }
    }

    private static void droppedQuietly(Write w) {
        try {
            w.dropped();
        } catch (RuntimeException ignored) {
            // Already reporting a failure.
        }
    }

    /** Commits what is queued (waiting at most 10 s), ends the writer thread, closes every connection. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        if (!readOnly) {
            synchronized (checked) {
                checkCancelled = true;
                if (check != null) {
                    cancelQuietly(check);
                }
            }
            flush(10_000);
        }
        closing = true;
        if (!readOnly) {
            // Wakes a writer blocked while quiet (it then sees closing, commits what is left and ends).
            queue.add(NOTHING);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Readers first: the last connection to close checkpoints the WAL into the file and removes it.
        Connection c;
        while ((c = readers.poll()) != null) {
            closeQuietly(c);
        }
        if (writer != null) {
            closeQuietly(writer);
        }
    }

    private static void cancelQuietly(Statement s) {
        try {
            s.cancel();
        } catch (SQLException ignored) {
            // The check ends by itself; close waits for it.
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Closing: nothing left to do with it.
        }
    }

    /** Runs statements outside the writer thread: only for the opening (schema) and tests. */
    static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE));
    }

    static Connection connect(String url) throws SQLException {
        // Tickguard never asks for generated keys; left on, the driver matches each statement's SQL against a
        // regular expression and runs a second query (SELECT last_insert_rowid()) after every INSERT to have
        // them ready: 5.0 -> 3.6 KB of the writer's garbage an event in bench/run ui-storm.
        Properties p = new Properties();
        p.setProperty("jdbc.get_generated_keys", "false");
        return DriverManager.getConnection(url, p);
    }
}
