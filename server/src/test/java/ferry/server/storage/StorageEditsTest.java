package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Delete, rename, mkdir and rmdir stay inside the root, never touch reserved files, and wait for readers. */
@Timeout(10)
class StorageEditsTest {
    @TempDir
    Path dir;
    Path root;
    Path outside;
    Storage storage;

    @BeforeEach
    void serveRootWithUsersFileInAFolder() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret");
        Files.createDirectories(root.resolve("conf"));
        Files.writeString(root.resolve("conf/users.txt"), "alice:secret\n");
        Files.writeString(root.resolve("a.txt"), "a");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/b.txt"), "b");
        storage = Storage.of(root, Set.of(root.resolve("conf/users.txt")), Duration.ofMillis(200));
    }

    @Test
    void deleteRemovesAFileButNotAFolder() throws Exception {
        storage.delete("a.txt");
        assertFalse(Files.exists(root.resolve("a.txt")));
        assertEquals("is a folder; use rmdir", assertThrows(BadPathException.class, () -> storage.delete("sub")).getReason());
        assertThrows(NoSuchFileException.class, () -> storage.delete("a.txt"));
    }

    @Test
    void reservedFilesCanBeNeitherDeletedNorRenamedNorReplaced() throws Exception {
        Files.writeString(root.resolve(".ferry-upload-1.part"), "half");
        for (String reserved : new String[] {"conf/users.txt", ".ferry-upload-1.part"}) {
            assertThrows(AccessDeniedException.class, () -> storage.delete(reserved));
            assertThrows(AccessDeniedException.class, () -> storage.rename(reserved, "stolen.txt"));
            assertThrows(AccessDeniedException.class, () -> storage.rename("a.txt", reserved));
        }
        assertThrows(AccessDeniedException.class, () -> storage.mkdir(".ferry-upload-dir"));
        assertEquals("alice:secret\n", Files.readString(root.resolve("conf/users.txt")));
    }

    @Test
    void renamingTheFolderThatHoldsTheUsersFileIsRefused() throws Exception {
        assertThrows(AccessDeniedException.class, () -> storage.rename("conf", "public"));
        assertThrows(NoSuchFileException.class, () -> storage.openRead("public/users.txt"));
    }

    @Test
    void removingTheFolderThatHoldsTheUsersFileIsRefused() {
        assertThrows(AccessDeniedException.class, () -> storage.rmdir("conf", true));
        assertTrue(Files.exists(root.resolve("conf/users.txt")), "the users file is still there");
    }

    @Test
    void renameMovesAFileButNeverReplacesOne() throws Exception {
        storage.rename("a.txt", "sub/moved.txt");
        assertEquals("a", Files.readString(root.resolve("sub/moved.txt")));
        var e = assertThrows(FileAlreadyExistsException.class, () -> storage.rename("sub/moved.txt", "sub/b.txt"));
        assertEquals("sub/b.txt", e.getFile());
        assertEquals("b", Files.readString(root.resolve("sub/b.txt")));
    }

    @Test
    void renameOfAFolderIntoItselfIsABadPath() {
        assertThrows(BadPathException.class, () -> storage.rename("sub", "sub/inner"));
        assertThrows(BadPathException.class, () -> storage.rename("sub", "sub"));
    }

    @Test
    void renameOutOfTheRootOrThroughASymlinkIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("away"), outside);
        assertThrows(NoSuchFileException.class, () -> storage.rename("a.txt", "../outside/a.txt"));
        assertThrows(NoSuchFileException.class, () -> storage.rename("a.txt", "away/a.txt"));
        assertThrows(NoSuchFileException.class, () -> storage.rename("away/secret.txt", "mine.txt"));
        assertThrows(BadPathException.class, () -> storage.rename("a.txt", "/tmp/a.txt"));
        assertTrue(Files.exists(root.resolve("a.txt")));
        assertTrue(Files.exists(outside.resolve("secret.txt")));
    }

    @Test
    void mkdirNeedsItsParentAndNamesIt() throws Exception {
        storage.mkdir("sub/new");
        assertTrue(Files.isDirectory(root.resolve("sub/new")));
        assertEquals("no", assertThrows(NoSuchFileException.class, () -> storage.mkdir("no/such")).getFile());
        assertThrows(FileAlreadyExistsException.class, () -> storage.mkdir("sub"));
    }

    @Test
    void rmdirRemovesOnlyEmptyFoldersUnlessRecursive() throws Exception {
        var e = assertThrows(DirectoryNotEmptyException.class, () -> storage.rmdir("sub", false));
        assertEquals("sub", e.getFile());
        assertEquals("is not a folder; use delete", assertThrows(BadPathException.class, () -> storage.rmdir("a.txt", false)).getReason());
        storage.rmdir("sub", true);
        assertFalse(Files.exists(root.resolve("sub")));
        assertThrows(BadPathException.class, () -> storage.rmdir("", true));
    }

    @Test
    void recursiveRmdirDeletesSymlinksWithoutFollowingThem() throws Exception {
        Files.createSymbolicLink(root.resolve("sub/away"), outside);
        storage.rmdir("sub", true);
        assertFalse(Files.exists(root.resolve("sub")));
        assertEquals("top secret", Files.readString(outside.resolve("secret.txt")));
    }

    @Test
    void deleteOfAFileBeingDownloadedFailsAsBusyAfterTheLockTimeout() throws Exception {
        try (Download download = storage.openRead("a.txt")) {
            var e = assertInstanceOf(BusyException.class, failureOnAnotherThread(() -> { storage.delete("a.txt"); return null; }));
            assertEquals("a.txt", e.getFile());
            assertEquals("a", new String(download.content().readAllBytes()));
        }
        onAnotherThread(() -> { storage.delete("a.txt"); return null; });
        assertFalse(Files.exists(root.resolve("a.txt")));
    }

    @Test
    void folderCannotBeRenamedUnderAnUploadIntoIt() throws Exception {
        try (Upload upload = storage.create("sub/new.txt", 1, false)) {
            assertInstanceOf(BusyException.class, failureOnAnotherThread(() -> { storage.rename("sub", "moved"); return null; }));
            upload.content().write('x');
            upload.commit();
        }
        assertEquals("x", Files.readString(root.resolve("sub/new.txt")));
    }

    @Test
    void secondUploadOfOnePathFromAnotherClientIsBusy() throws Exception {
        try (Upload first = storage.create("same.txt", 1, true)) {
            assertInstanceOf(BusyException.class, failureOnAnotherThread(() -> storage.create("same.txt", 1, true)));
            first.content().write('1');
            first.commit();
        }
        onAnotherThread(() -> { storage.create("same.txt", 1, true).close(); return null; });
    }

    /** Runs {@code action} on a thread of its own, as another session would, and returns its result. */
    private static <T> T onAnotherThread(Callable<T> action) throws Exception {
        FutureTask<T> task = new FutureTask<>(action);
        Thread.ofVirtual().start(task);
        return task.get(5, TimeUnit.SECONDS);
    }

    private static Throwable failureOnAnotherThread(Callable<?> action) throws Exception {
        var e = assertThrows(ExecutionException.class, () -> onAnotherThread(action));
        return e.getCause();
    }
}
