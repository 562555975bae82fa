package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Uploads go to a hidden temporary file and appear under their name only on commit, atomically. */
@Timeout(10)
class UploadTest {
    @TempDir
    Path dir;
    Path root;
    Storage storage;

    @BeforeEach
    void serveEmptyRoot() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        storage = Storage.of(root, Set.of());
    }

    @Test
    void nothingAppearsUnderTheFinalNameUntilCommit() throws Exception {
        try (Upload upload = storage.create("new.txt", 5, false)) {
            upload.content().write(bytes("hello"));
            upload.content().flush();
            assertFalse(Files.exists(root.resolve("new.txt")));
            assertEquals(1, temps(root).size(), "the bytes go to one temporary file");
            assertTrue(storage.list("").isEmpty(), "the temporary file is not listed");
            upload.commit();
        }
        assertEquals("hello", Files.readString(root.resolve("new.txt")));
        assertEquals(List.of(), temps(root));
    }

    @Test
    void closeWithoutCommitDeletesTheTemporaryFile() throws Exception {
        Files.createDirectories(root.resolve("sub"));
        try (Upload upload = storage.create("sub/new.txt", 3, false)) {
            upload.content().write(bytes("abc"));
            assertEquals(1, temps(root.resolve("sub")).size(), "the temporary file lies beside its target");
        }
        assertFalse(Files.exists(root.resolve("sub/new.txt")));
        assertEquals(List.of(), temps(root.resolve("sub")));
    }

    @Test
    void existingTargetIsRefusedAtCreateWithoutOverwrite() throws Exception {
        Files.writeString(root.resolve("old.txt"), "old");
        var e = assertThrows(FileAlreadyExistsException.class, () -> storage.create("old.txt", 3, false));
        assertEquals("old.txt", e.getFile());
        assertEquals(List.of(), temps(root));
    }

    @Test
    void targetCreatedDuringTheUploadIsNotReplacedWithoutOverwrite() throws Exception {
        try (Upload upload = storage.create("race.txt", 4, false)) {
            upload.content().write(bytes("mine"));
            Files.writeString(root.resolve("race.txt"), "theirs");
            var e = assertThrows(FileAlreadyExistsException.class, upload::commit);
            assertEquals("race.txt", e.getFile(), "the client's path, not the server's");
        }
        assertEquals("theirs", Files.readString(root.resolve("race.txt")));
        assertEquals(List.of(), temps(root));
    }

    @Test
    void secondOfTwoConcurrentUploadsWithoutOverwriteIsRefused() throws Exception {
        try (Upload first = storage.create("same.txt", 5, false);
             Upload second = storage.create("same.txt", 6, false)) {
            first.content().write(bytes("first"));
            second.content().write(bytes("second"));
            first.commit();
            assertThrows(FileAlreadyExistsException.class, second::commit);
        }
        assertEquals("first", Files.readString(root.resolve("same.txt")));
        assertEquals(List.of(), temps(root));
    }

    @Test
    void overwriteReplacesTheExistingFile() throws Exception {
        Files.writeString(root.resolve("doc.txt"), "old content, longer than the new");
        try (Upload upload = storage.create("doc.txt", 3, true)) {
            upload.content().write(bytes("new"));
            assertEquals("old content, longer than the new", Files.readString(root.resolve("doc.txt")));
            upload.commit();
        }
        assertEquals("new", Files.readString(root.resolve("doc.txt")));
        assertEquals(List.of(), temps(root));
    }

    @Test
    void readerThatOpenedTheOldFileReadsAllOfItAfterTheCommit() throws Exception {
        byte[] old = new byte[100_000];
        Arrays.fill(old, (byte) 'o');
        Files.write(root.resolve("doc.bin"), old);
        try (Download download = storage.openRead("doc.bin")) {
            byte[] first = download.content().readNBytes(10);
            try (Upload upload = storage.create("doc.bin", 3, true)) {
                upload.content().write(bytes("new"));
                upload.commit();
            }
            byte[] rest = download.content().readAllBytes();
            assertEquals(old.length, download.size());
            assertEquals(old.length, first.length + rest.length);
            assertArrayEquals(old, concat(first, rest));
        }
        assertEquals("new", Files.readString(root.resolve("doc.bin")));
    }

    @Test
    void emptyUploadCommitsAnEmptyFile() throws Exception {
        try (Upload upload = storage.create("empty.txt", 0, false)) {
            upload.commit();
        }
        assertEquals(0, Files.size(root.resolve("empty.txt")));
    }

    @Test
    void uploadLargerThanTheFreeSpaceIsRefusedAtCreate() throws Exception {
        var e = assertThrows(NotEnoughSpaceException.class, () -> storage.create("huge.bin", Long.MAX_VALUE, true));
        assertEquals("huge.bin", e.getFile());
        assertEquals(List.of(), temps(root));
    }

    @Test
    void closeAfterCommitKeepsTheFile() throws Exception {
        Upload upload = storage.create("kept.txt", 1, false);
        upload.content().write('k');
        upload.commit();
        upload.close();
        upload.close();
        assertEquals("k", Files.readString(root.resolve("kept.txt")));
    }

    private static List<Path> temps(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(Storage.UPLOAD_PREFIX)).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
