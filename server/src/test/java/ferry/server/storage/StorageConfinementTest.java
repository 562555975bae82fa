package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every client path is confined to the root; each way out is refused with the exception its reply depends on. */
@Timeout(10)
class StorageConfinementTest {
    @TempDir
    Path dir;
    Path root;
    Path outside;
    Storage storage;

    @BeforeEach
    void serveRootWithUsersFileInside() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret");
        Files.writeString(root.resolve("users.txt"), "alice:secret\n");
        Files.writeString(root.resolve("a.txt"), "a");
        Files.createDirectories(root.resolve("sub"));
        storage = Storage.of(root, Set.of(root.resolve("users.txt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside/secret.txt", "..", "sub/../../outside/secret.txt", "sub/../a.txt", "sub/.."})
    void dotDotAnywhereLooksLikeAMissingFile(String path) {
        var e = assertThrows(NoSuchFileException.class, () -> storage.openRead(path));
        assertEquals(path, e.getFile());
        assertThrows(NoSuchFileException.class, () -> storage.create(path, 1, true));
        assertThrows(NoSuchFileException.class, () -> storage.list(path));
    }

    @Test
    void absolutePathIsABadPath() {
        var e = assertThrows(BadPathException.class, () -> storage.openRead("/etc/passwd"));
        assertEquals("/etc/passwd: absolute paths are not allowed", e.getMessage());
        assertThrows(BadPathException.class, () -> storage.create("/tmp/x", 1, true));
    }

    @Test
    void nulByteIsABadPathAndIsNotEchoed() {
        var e = assertThrows(BadPathException.class, () -> storage.openRead("a.txt\0.jpg"));
        assertEquals("a.txt?.jpg: NUL in path", e.getMessage());
    }

    @Test
    void backslashIsABadPath() {
        var e = assertThrows(BadPathException.class, () -> storage.openRead("..\\outside\\secret.txt"));
        assertEquals("backslash in path", e.getReason());
        assertThrows(BadPathException.class, () -> storage.create("sub\\x.txt", 1, true));
    }

    @Test
    void emptyPathIsABadPathForFilesButTheRootForListing() throws Exception {
        assertThrows(BadPathException.class, () -> storage.openRead(""));
        assertThrows(BadPathException.class, () -> storage.create("", 1, true));
        assertEquals(2, storage.list("").size()); // a.txt and sub
    }

    @Test
    void pathOfMoreThan1024BytesIsABadPath() {
        String name = "n".repeat(255);
        String path1023 = name + "/" + name + "/" + name + "/" + name;
        assertThrows(NoSuchFileException.class, () -> storage.openRead(path1023));
        var e = assertThrows(BadPathException.class, () -> storage.openRead(path1023 + "xx"));
        assertEquals("path longer than 1024 bytes", e.getReason());
        assertTrue(e.getFile().length() < 40, e.getFile());
    }

    @Test
    void pathLengthCountsUtf8BytesNotCharacters() {
        assertThrows(BadPathException.class, () -> storage.openRead("é".repeat(513))); // 1026 bytes
    }

    @Test
    void nameOfMoreThan255BytesIsABadPath() {
        assertThrows(NoSuchFileException.class, () -> storage.openRead("sub/" + "n".repeat(255)));
        var e = assertThrows(BadPathException.class, () -> storage.openRead("sub/" + "é".repeat(128)));
        assertEquals("name longer than 255 bytes", e.getReason());
    }

    @Test
    void symlinkedFilePointingOutsideLooksLikeAMissingFile() throws Exception {
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        assertThrows(NoSuchFileException.class, () -> storage.openRead("link.txt"));
        assertThrows(NoSuchFileException.class, () -> storage.create("link.txt", 1, true));
        assertEquals("top secret", Files.readString(outside.resolve("secret.txt")));
    }

    @Test
    void symlinkedFolderPointingOutsideLooksLikeAMissingFolder() throws Exception {
        Files.createSymbolicLink(root.resolve("linkdir"), outside);
        assertThrows(NoSuchFileException.class, () -> storage.list("linkdir"));
        assertThrows(NoSuchFileException.class, () -> storage.openRead("linkdir"));
    }

    @Test
    void pathGoingThroughASymlinkedFolderIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("sub/linkdir"), outside);
        assertThrows(NoSuchFileException.class, () -> storage.openRead("sub/linkdir/secret.txt"));
        assertThrows(NoSuchFileException.class, () -> storage.create("sub/linkdir/new.txt", 1, true));
        try (var files = Files.list(outside)) {
            assertEquals(1, files.count(), "nothing was created outside the root");
        }
    }

    @Test
    void symlinkPointingInsideTheRootIsRefusedToo() throws Exception {
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("a.txt"));
        assertThrows(NoSuchFileException.class, () -> storage.openRead("alias.txt"));
    }

    @Test
    void usersFileInsideTheRootIsReserved() {
        assertThrows(AccessDeniedException.class, () -> storage.openRead("users.txt"));
        assertThrows(AccessDeniedException.class, () -> storage.create("users.txt", 1, true));
        assertThrows(AccessDeniedException.class, () -> storage.stat("users.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"./users.txt", "sub/../users.txt", "sub//../users.txt", "users.txt/", "./a.txt", "sub//a"})
    void otherSpellingsOfAPathAreRefusedNotNormalized(String path) {
        assertThrows(FileSystemException.class, () -> storage.openRead(path));
        assertThrows(FileSystemException.class, () -> storage.create(path, 1, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {".ferry-upload-x.part", "sub/.ferry-upload-1234", ".ferry-upload-"})
    void uploadTempNamesAreReserved(String path) throws Exception {
        Files.writeString(root.resolve(path), "half an upload");
        assertThrows(AccessDeniedException.class, () -> storage.openRead(path));
        assertThrows(AccessDeniedException.class, () -> storage.create(path, 1, true));
    }

    @Test
    void folderWhereAFileIsExpectedIsABadPath() {
        assertEquals("is a folder", assertThrows(BadPathException.class, () -> storage.openRead("sub")).getReason());
        assertEquals("is a folder", assertThrows(BadPathException.class, () -> storage.create("sub", 1, true)).getReason());
    }

    @Test
    void fileWhereAFolderIsExpectedIsABadPath() {
        assertEquals("is not a folder", assertThrows(BadPathException.class, () -> storage.list("a.txt")).getReason());
    }

    @Test
    void uploadIntoAMissingFolderNamesTheFolder() {
        var e = assertThrows(NoSuchFileException.class, () -> storage.create("no/such/file.txt", 1, true));
        assertEquals("no/such", e.getFile());
    }

    @Test
    void errorMessagesNeverShowWhereTheRootIs() throws Exception {
        Files.createSymbolicLink(root.resolve("link.txt"), outside.resolve("secret.txt"));
        String[] refused = {"../outside/secret.txt", "link.txt", "users.txt", "sub", ".ferry-upload-x", "/etc/passwd",
                "a\\b", "no/such/file.txt", "a.txt/x", "a.txt"};
        for (String path : refused) {
            assertHidesRoot(assertThrows(FileSystemException.class, () -> storage.create(path, 1, false)));
        }
        for (String path : new String[] {"missing.txt", "sub/missing.txt", "a.txt/x", "sub"}) {
            assertHidesRoot(assertThrows(FileSystemException.class, () -> storage.openRead(path)));
        }
        assertHidesRoot(assertThrows(FileSystemException.class, () -> storage.list("missing")));
        assertHidesRoot(assertThrows(FileSystemException.class, () -> storage.list("a.txt")));
    }

    private void assertHidesRoot(FileSystemException e) throws Exception {
        for (String secret : new String[] {dir.toString(), dir.toRealPath().toString()}) {
            assertFalse(e.getMessage().contains(secret), e.getClass().getSimpleName() + ": " + e.getMessage());
            assertFalse(String.valueOf(e.getFile()).contains(secret), e.getFile());
        }
    }
}
