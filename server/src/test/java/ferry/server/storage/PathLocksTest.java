package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ferry.server.storage.PathLocks.Mode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lock table itself: who excludes whom, what a busy path is called, and that no entry is ever left behind. */
@Timeout(10)
class PathLocksTest {
    private final PathLocks locks = new PathLocks(Duration.ofMillis(100));

    @Test
    void readersShareAndAnExclusiveLockWaitsForThemThenFailsNamingThePath() throws Exception {
        try (ExecutorService other = Executors.newSingleThreadExecutor();
             var first = locks.acquire("a/b", Mode.READ);
             var second = locks.acquire("a/b", Mode.READ)) {
            var refused = other.submit(() -> assertThrows(BusyException.class, () -> locks.acquire("a/b", Mode.EXCLUSIVE)));
            assertEquals("a/b", refused.get(5, TimeUnit.SECONDS).getFile());
            var folder = other.submit(() -> assertThrows(BusyException.class, () -> locks.acquire("a", Mode.EXCLUSIVE)));
            assertEquals("a", folder.get(5, TimeUnit.SECONDS).getFile(), "a reader below holds the folder too");
        }
        assertEquals(0, locks.size(), "released entries are dropped");
    }

    @Test
    void anUploadExcludesChangesButNotReaders() throws Exception {
        try (ExecutorService other = Executors.newSingleThreadExecutor(); var upload = locks.acquire("f", Mode.REPLACE)) {
            other.submit(() -> {
                try (var reader = locks.acquire("f", Mode.READ)) {
                    return null;
                }
            }).get(5, TimeUnit.SECONDS);
            var second = other.submit(() -> assertThrows(BusyException.class, () -> locks.acquire("f", Mode.REPLACE)));
            second.get(5, TimeUnit.SECONDS);
        }
        assertEquals(0, locks.size());
    }

    @Test
    void aBusyFolderAboveIsReportedAsTheRequestedPath() throws Exception {
        try (ExecutorService other = Executors.newSingleThreadExecutor(); var rename = locks.acquire("homes", Mode.EXCLUSIVE)) {
            var refused = other.submit(() -> assertThrows(BusyException.class, () -> locks.acquire("homes/alice/x", Mode.READ)));
            assertEquals("homes/alice/x", refused.get(5, TimeUnit.SECONDS).getFile(), "never the folder above the user's home");
        }
        assertEquals(0, locks.size(), "a failed acquire leaves no entry either");
    }

    @Test
    void oppositeTwoPathLocksNeverDeadlock() throws Exception {
        PathLocks patient = new PathLocks(Duration.ofSeconds(5)); // a deadlock would show as a 5 s wait ending busy
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Runnable forth = () -> repeat(patient, Map.of("a", Mode.EXCLUSIVE, "b", Mode.EXCLUSIVE));
            Runnable back = () -> repeat(patient, Map.of("b", Mode.EXCLUSIVE, "a", Mode.EXCLUSIVE));
            CompletableFuture.allOf(CompletableFuture.runAsync(forth, threads), CompletableFuture.runAsync(back, threads))
                    .get(8, TimeUnit.SECONDS);
        }
        assertEquals(0, patient.size());
    }

    private static void repeat(PathLocks locks, Map<String, Mode> paths) {
        for (int i = 0; i < 2_000; i++) {
            try (var held = locks.acquire(paths)) {
                // both paths held at once
            } catch (BusyException e) {
                throw new AssertionError("an ordered acquire waited past its bound", e);
            }
        }
    }
}
