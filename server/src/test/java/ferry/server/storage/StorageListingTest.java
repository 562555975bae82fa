package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class StorageListingTest {
    @TempDir
    Path dir;

    @Test
    void listingIsSortedByNameWithSizesAndTimes() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.write(root.resolve("b.bin"), new byte[1500]);
        Files.writeString(root.resolve("a.txt"), "hello");
        Files.createDirectories(root.resolve("c"));
        Files.writeString(root.resolve("c/inside.txt"), "not listed at the top");
        Instant modified = Instant.parse("2024-05-01T10:00:00Z");
        Files.setLastModifiedTime(root.resolve("a.txt"), FileTime.from(modified));

        List<Entry> entries = Storage.of(root, Set.of()).list("");

        assertEquals(List.of("a.txt", "b.bin", "c"), entries.stream().map(Entry::name).toList());
        assertEquals(new Entry("a.txt", false, 5, modified), entries.get(0));
        assertEquals(1500, entries.get(1).size());
        assertTrue(entries.get(2).directory());
        assertEquals(0, entries.get(2).size(), "folders have size 0");
    }

    @Test
    void listingHidesTheUsersFileUploadsInProgressAndSymlinks() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(root.resolve("users.txt"), "alice:secret\n");
        Files.writeString(root.resolve(".ferry-upload-1234.part"), "half");
        Files.writeString(root.resolve("visible.txt"), "v");
        Files.writeString(root.resolve(".hidden-but-ordinary"), "h");
        Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("visible.txt"));
        Files.createSymbolicLink(root.resolve("linkdir"), outside);

        List<Entry> entries = Storage.of(root, Set.of(root.resolve("users.txt"))).list("");

        assertEquals(List.of(".hidden-but-ordinary", "visible.txt"), entries.stream().map(Entry::name).toList());
    }

    @Test
    void listingASubfolderHidesItsUploadsInProgress() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.writeString(root.resolve("sub/z.txt"), "z");
        Files.writeString(root.resolve("sub/.ferry-upload-x.part"), "half");

        List<Entry> entries = Storage.of(root, Set.of()).list("sub");

        assertEquals(List.of("deeper", "z.txt"), entries.stream().map(Entry::name).toList());
    }

    @Test
    void usersFileGivenByARelativeOrSymlinkedPathIsStillReserved() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("users.txt"), "alice:secret\n");
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), root);

        Storage storage = Storage.of(alias, Set.of(alias.resolve("./users.txt")));

        assertTrue(storage.list("").isEmpty());
        assertThrows(AccessDeniedException.class, () -> storage.openRead("users.txt"));
    }

    @Test
    void listingAMissingFolderIsNoSuchFile() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        var e = assertThrows(NoSuchFileException.class, () -> Storage.of(root, Set.of()).list("nope"));
        assertEquals("nope", e.getFile());
    }

    @Test
    void rootThatIsAFileOrMissingIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThrows(NotDirectoryException.class, () -> Storage.of(file, Set.of()));
        assertThrows(NoSuchFileException.class, () -> Storage.of(dir.resolve("missing"), Set.of()));
        assertFalse(Files.exists(dir.resolve("missing")));
    }
}
