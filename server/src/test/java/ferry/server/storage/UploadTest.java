package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads go to a hidden temporary file and appear under their name only on commit, atomically; appends at a file's
 * end go in place ({@link Appends}).
 */
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

    /**
     * Storage.openAppend, behind FTP's APPE and REST+STOR: at the end of a file it appends in place; inside a file it
     * writes a new version that replaces the file at the commit, so no byte a file had is ever changed in place.
     */
    @Nested
    class Appends {
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
            assertEquals(List.of(), temps(root));
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
                assertEquals(1, temps(root).size());
                upload.commit();
                assertEquals("0123xy", Files.readString(file));
                assertNotEquals(inode, key(file), "a new file took the name");
                ByteBuffer old = ByteBuffer.allocate(16);
                opened.read(old, 0);
                assertEquals("0123456789", new String(old.array(), 0, old.position(), StandardCharsets.UTF_8),
                        "what a download holds open (sendfile sends its pages) was never written to");
            }
            assertEquals(List.of(), temps(root));
        }

        @Test
        void insideAFileACutUploadLeavesTheFileAsItWas() throws Exception {
            Path file = Files.writeString(root.resolve("f.txt"), "0123456789");
            try (Upload upload = storage.openAppend("f.txt", 2)) {
                upload.content().write(bytes("zz"));
                upload.content().flush();
            }
            assertEquals("0123456789", Files.readString(file));
            assertEquals(List.of(), temps(root));
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
            assertEquals(List.of(), temps(root));
        }

        @Test
        void theLockIsReleasedWhetherTheUploadCommitsOrNot() throws Exception {
            Files.writeString(root.resolve("f.txt"), "abc");
            storage.openAppend("f.txt", 1).close();
            storage.openAppend("f.txt", 3).close();
            try (Upload upload = storage.openAppend("f.txt", 1)) {
                upload.commit();
            }
            // Locks are reentrant for their thread: another thread's delete shows one left behind (it waits, then fails).
            CompletableFuture.runAsync(() -> {
                try {
                    storage.delete("f.txt");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, runnable -> Thread.ofPlatform().start(runnable)).get(10, TimeUnit.SECONDS);
        }

        @Test
        void atTheEndMeansTheEndWhenTheLockIsHeldNotWhenAsked() throws Exception {
            Files.writeString(root.resolve("f.txt"), "old");
            CompletableFuture<Void> appended;
            try (Upload replacing = storage.create("f.txt", 8, true)) { // holds the path's change lock until its commit
                replacing.content().write(bytes("replaced"));
                appended = waitingFor(() -> storage.openAppend("f.txt", Storage.AT_END), "+more", null, null);
                replacing.commit();
            }
            appended.get(5, TimeUnit.SECONDS);
            assertEquals("replaced+more", Files.readString(root.resolve("f.txt")), "appended to the new file, none of it lost");
        }

        @Test
        void aWriteFromInsideNeverGoesInPlaceEvenIfTheFileShrankToItsOffsetMeanwhile() throws Exception {
            // Decided inside (REPLACE, readers go on) while the file had 10 bytes; a replacement of 3 bytes commits
            // before the lock is granted. Writing in place now would change the file under its readers.
            Files.writeString(root.resolve("f.txt"), "0123456789");
            CountDownLatch written = new CountDownLatch(1), proceed = new CountDownLatch(1);
            CompletableFuture<Void> appended;
            try (Upload replacing = storage.create("f.txt", 3, true)) {
                replacing.content().write(bytes("abc"));
                appended = waitingFor(() -> storage.openAppend("f.txt", 3), "XYZ", written, proceed);
                replacing.commit();
            }
            try (Download reading = storage.openRead("f.txt")) {
                assertTrue(written.await(5, TimeUnit.SECONDS), "the writer wrote");
                assertEquals("abc", Files.readString(root.resolve("f.txt")), "nothing written in place");
                proceed.countDown();
                appended.get(5, TimeUnit.SECONDS);
                assertEquals(3, reading.size());
            }
            assertEquals("abcXYZ", Files.readString(root.resolve("f.txt")));
        }

        @Test
        void aWriteFromInsideLetsReadersGoOn() throws Exception {
            Files.writeString(root.resolve("f.txt"), "0123456789");
            try (Download reading = storage.openRead("f.txt"); Upload upload = storage.openAppend("f.txt", 4)) {
                upload.content().write(bytes("xy"));
                upload.commit();
                assertArrayEquals(bytes("0123456789"), reading.content().readAllBytes(), "the old version, whole");
            }
            assertEquals("0123xy", Files.readString(root.resolve("f.txt")));
        }

        /**
         * Opens an upload with {@code opening} on another thread and returns once that thread waits for the path's
         * lock. The upload then gets {@code content}, flushed; with latches, the thread counts {@code written} down
         * and waits for {@code proceed} before it commits. The future completes after the commit.
         */
        private CompletableFuture<Void> waitingFor(Callable<Upload> opening, String content, CountDownLatch written,
                                                   CountDownLatch proceed) {
            CompletableFuture<Void> committed = new CompletableFuture<>();
            Thread writer = Thread.ofPlatform().start(() -> {
                try (Upload upload = opening.call()) {
                    upload.content().write(bytes(content));
                    upload.content().flush();
                    if (written != null) {
                        written.countDown();
                        if (!proceed.await(5, TimeUnit.SECONDS)) throw new AssertionError("never told to proceed");
                    }
                    upload.commit();
                    committed.complete(null);
                } catch (Throwable e) {
                    committed.completeExceptionally(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (writer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            assertEquals(Thread.State.TIMED_WAITING, writer.getState(), "the writer waits for the lock");
            return committed;
        }

        private static Object key(Path file) throws IOException {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        }
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
