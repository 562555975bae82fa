package ferry.server.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One lock per path, shared by every session of every protocol. Each path has two locks:
 * <ul>
 *   <li>{@code access}, a read-write lock: downloads share it, delete, rename and rmdir take it exclusively;</li>
 *   <li>{@code change}, held by whoever is changing the path (an upload from start to commit, or a delete, rename,
 *       rmdir), so that two changes of one path never overlap.</li>
 * </ul>
 * An operation also takes {@code access} shared on every folder above its paths, so a folder cannot be renamed or
 * removed under a transfer. All locks of one operation are taken in one global order (sorted by path) and with a
 * bounded wait, so there is no deadlock (rename A to B while B to A) and no operation waits forever: past the
 * timeout it fails with {@link BusyException}. Locks are released by the thread that took them. Thread-safe.
 */
final class PathLocks {
    /** What an operation does to one path; a stronger mode includes the weaker ones' exclusions. */
    enum Mode {
        /** Reading (download, stat) or using as a folder: excludes delete, rename and rmdir of the path. */
        READ,
        /** Being replaced by an upload: excludes other changes, never readers (the old content stays readable). */
        REPLACE,
        /** Delete, rename, rmdir: excludes readers and every other change. */
        EXCLUSIVE
    }

    private static final class Entry {
        final ReentrantReadWriteLock access = new ReentrantReadWriteLock();
        final ReentrantLock change = new ReentrantLock();
        int holders;
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration timeout;

    PathLocks(Duration timeout) {
        this.timeout = timeout;
    }

    /** Holds the locks of one operation until closed. Close it on the thread that acquired it. */
    final class Held implements AutoCloseable {
        private final List<String> paths = new ArrayList<>();
        private final List<Lock> locks = new ArrayList<>();
        private boolean closed;

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            for (int i = locks.size() - 1; i >= 0; i--) locks.get(i).unlock();
            paths.forEach(PathLocks.this::unref);
        }
    }

    /**
     * Takes the locks for {@code targets} (root-relative paths and their modes) and {@link Mode#READ} on every
     * folder above them, in path order; or fails with {@link BusyException} naming the path it could not get.
     */
    Held acquire(Map<String, Mode> targets) throws BusyException {
        TreeMap<String, Mode> wanted = new TreeMap<>();
        targets.forEach((path, mode) -> {
            for (String folder = parent(path); !folder.isEmpty(); folder = parent(folder)) {
                wanted.merge(folder, Mode.READ, PathLocks::stronger);
            }
            wanted.merge(path, mode, PathLocks::stronger);
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        Held held = new Held();
        try {
            for (var want : wanted.entrySet()) {
                Entry entry = ref(want.getKey());
                held.paths.add(want.getKey());
                for (Lock lock : locksFor(entry, want.getValue())) {
                    if (!lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        throw new BusyException(requested(want.getKey(), targets));
                    }
                    held.locks.add(lock);
                }
            }
            return held;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held.close();
            throw new BusyException(targets.keySet().iterator().next());
        } catch (BusyException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** The requested path a busy lock stands for: a folder above it is not the client's to see. */
    private static String requested(String locked, Map<String, Mode> targets) {
        if (targets.containsKey(locked)) return locked;
        for (String target : targets.keySet()) {
            if (target.startsWith(locked + "/")) return target;
        }
        return locked;
    }

    Held acquire(String path, Mode mode) throws BusyException {
        return acquire(Map.of(path, mode));
    }

    /** How many paths have a lock entry now; entries are dropped when no one holds or waits for them. */
    int size() {
        return entries.size();
    }

    private static List<Lock> locksFor(Entry entry, Mode mode) {
        return switch (mode) {
            case READ -> List.of(entry.access.readLock());
            case REPLACE -> List.of(entry.change);
            case EXCLUSIVE -> List.of(entry.change, entry.access.writeLock());
        };
    }

    private Entry ref(String path) {
        return entries.compute(path, (key, entry) -> {
            Entry e = entry == null ? new Entry() : entry;
            e.holders++;
            return e;
        });
    }

    private void unref(String path) {
        entries.computeIfPresent(path, (key, entry) -> --entry.holders == 0 ? null : entry);
    }

    private static Mode stronger(Mode a, Mode b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
