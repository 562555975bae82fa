package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage.openAppend, behind FTP's APPE and REST+STOR: at the end of a file it appends in place; inside a file it
 * writes a new version that replaces the file at the commit, so no byte a file had is ever changed in place.
 */
@Timeout(10)
class AppendTest {
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
    void atTheEndTheBytesGoInPlaceAndWhatArrivedStaysWithoutACommit() throws Exception {
        Path file = Files.writeString(root.resolve("f.txt"), "abc");
        Object inode = key(file);
        try (Upload upload = storage.openAppend("f.txt", 3)) {
            upload.content().write(bytes("def"));
            upload.content().flush();
        } // a cut resume: no commit
        assertEquals("abcdef", Files.readString(file), "kept, so that the upload can resume from there");
        assertEquals(inode, key(file), "the same file");
        try (Upload upload = storage.openAppend("f.txt", 6)) {
            upload.content().write(bytes("gh"));
            upload.commit();
        }
        assertEquals("abcdefgh", Files.readString(file));
        assertEquals(List.of(), temps());
    }

    @Test
    void aMissingFileIsCreatedAtOffsetZero() throws Exception {
        try (Upload upload = storage.openAppend("new.txt", 0)) {
            upload.content().write(bytes("x"));
            upload.commit();
        }
        assertEquals("x", Files.readString(root.resolve("new.txt")));
    }

    @Test
    void insideAFileANewVersionReplacesItAtTheCommitAndTheOldOneStaysIntact() throws Exception {
        Path file = Files.writeString(root.resolve("f.txt"), "0123456789");
        Object inode = key(file);
        try (FileChannel opened = FileChannel.open(file); Upload upload = storage.openAppend("f.txt", 4)) {
            upload.content().write(bytes("xy"));
            upload.content().flush();
            assertEquals("0123456789", Files.readString(file), "unchanged until the commit");
            assertEquals(1, temps().size());
            upload.commit();
            assertEquals("0123xy", Files.readString(file));
            assertNotEquals(inode, key(file), "a new file took the name");
            ByteBuffer old = ByteBuffer.allocate(16);
            opened.read(old, 0);
            assertEquals("0123456789", new String(old.array(), 0, old.position(), StandardCharsets.UTF_8),
                    "what a download holds open (sendfile sends its pages) was never written to");
        }
        assertEquals(List.of(), temps());
    }

    @Test
    void insideAFileACutUploadLeavesTheFileAsItWas() throws Exception {
        Path file = Files.writeString(root.resolve("f.txt"), "0123456789");
        try (Upload upload = storage.openAppend("f.txt", 2)) {
            upload.content().write(bytes("zz"));
            upload.content().flush();
        }
        assertEquals("0123456789", Files.readString(file));
        assertEquals(List.of(), temps());
    }

    @Test
    void aLargePrefixIsCopiedWhole() throws Exception {
        byte[] content = new byte[3 << 20];
        new java.util.Random(3).nextBytes(content);
        Path file = Files.write(root.resolve("big.bin"), content);
        int offset = content.length - 12345;
        try (Upload upload = storage.openAppend("big.bin", offset)) {
            upload.content().write(new byte[] {1, 2, 3});
            upload.commit();
        }
        byte[] expected = java.util.Arrays.copyOf(content, offset + 3);
        System.arraycopy(new byte[] {1, 2, 3}, 0, expected, offset, 3);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void anOffsetPastTheEndOrAFolderIsRefused() throws Exception {
        Files.writeString(root.resolve("f.txt"), "abc");
        Files.createDirectories(root.resolve("sub"));
        var past = assertThrows(BadPathException.class, () -> storage.openAppend("f.txt", 4));
        assertEquals("f.txt: offset 4 is beyond the end of the file", past.getMessage());
        assertThrows(BadPathException.class, () -> storage.openAppend("missing.txt", 1));
        var folder = assertThrows(BadPathException.class, () -> storage.openAppend("sub", 0));
        assertEquals("sub: is a folder", folder.getMessage());
        assertEquals("abc", Files.readString(root.resolve("f.txt")));
        assertEquals(List.of(), temps());
    }

    @Test
    void theLockIsReleasedWhetherTheUploadCommitsOrNot() throws Exception {
        Files.writeString(root.resolve("f.txt"), "abc");
        storage.openAppend("f.txt", 1).close();
        storage.openAppend("f.txt", 3).close();
        try (Upload upload = storage.openAppend("f.txt", 1)) {
            upload.commit();
        }
        storage.delete("f.txt"); // an exclusive lock: it would wait and fail if one were still held
    }

    private static Object key(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private List<Path> temps() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> f.getFileName().toString().startsWith(Storage.UPLOAD_PREFIX)).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
