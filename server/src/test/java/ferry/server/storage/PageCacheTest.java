package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropping uploads' pages from the page cache, seen through {@code mincore} ({@link MappedByteBuffer#isLoaded()}
 * of a mapping that touches nothing): the tests run with native access enabled, as the launcher runs the server.
 * Their files are under {@code target/}, not in {@code /tmp}, which is tmpfs on many systems: tmpfs keeps its pages
 * whatever the advice.
 */
@Timeout(60)
class PageCacheTest {
    private static final int MIB = 1 << 20;

    @TempDir(factory = UnderTarget.class)
    Path dir;

    /** Temporary folders in the module's build folder (surefire runs in the module's folder). */
    static final class UnderTarget implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
            Path target = Files.createDirectories(Path.of("target", "page-cache-tests").toAbsolutePath());
            return Files.createTempDirectory(target, "run-");
        }
    }

    @Test
    void theAdviceReachesLinuxOn64BitX86AndArmFromJava22() {
        assertEquals(PageCache.supportedHere(System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.version().feature()), PageCache.available());
        assertTrue(PageCache.supportedHere("Linux", "amd64", 22));
        assertTrue(PageCache.supportedHere("Linux", "aarch64", 25));
        assertFalse(PageCache.supportedHere("Linux", "amd64", 21), "a preview in Java 21");
        assertFalse(PageCache.supportedHere("Linux", "x86", 25), "a 32-bit off_t");
        assertFalse(PageCache.supportedHere("Linux", "s390x", 25), "other flag values");
        assertFalse(PageCache.supportedHere("Mac OS X", "aarch64", 25), "no posix_fadvise");
    }

    @Test
    void droppedPagesLeaveTheCacheAndTheFileKeepsItsBytes() throws IOException {
        assumeTrue(PageCache.available(), "no posix_fadvise from this JVM");
        Path file = dir.resolve("f");
        byte[] bytes = random(8 * MIB, 1);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(false); // dirty pages are never dropped
        }
        assertTrue(cached(file, 0, 8 * MIB), "just written");
        assumeDropsWork();
        PageCache.drop(file, 0, 4 * MIB);
        assertFalse(cached(file, 0, 4 * MIB), "dropped");
        assertTrue(cached(file, 4 * MIB, 4 * MIB), "outside the range");
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void aFileThatIsNotThereIsNothingToDrop() {
        PageCache.drop(dir.resolve("absent"), 0, MIB);
        PageCache.drop(dir, 0, MIB); // a folder: nothing of it cached, no failure
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a blocked open() ignores interrupts
    void aFifoInTheFilesPlaceIsNotWaitedFor() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        PageCache.drop(fifo, 0, MIB); // an open without O_NONBLOCK would wait for a writer: the timeout fails it
    }

    @Test
    void aSymbolicLinkInTheFilesPlaceIsNotFollowed() throws IOException {
        assumeTrue(PageCache.available(), "no posix_fadvise from this JVM");
        assumeDropsWork();
        Path file = dir.resolve("elsewhere");
        Files.write(file, random(2 * MIB, 3));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(false);
        }
        assertTrue(cached(file, 0, 2 * MIB));
        PageCache.drop(Files.createSymbolicLink(dir.resolve("link"), file), 0, 2 * MIB);
        assertTrue(cached(file, 0, 2 * MIB), "the link's target keeps its pages");
    }

    @Test
    void anUploadPastTheWritebackStepLeavesWhatIsOnTheDiskOutOfTheCache() throws IOException {
        assumeTrue(PageCache.available(), "no posix_fadvise from this JVM");
        Path file = dir.resolve("upload");
        byte[] block = random(MIB, 2);
        long size = FileOutput.WRITEBACK + 3 * MIB;
        assumeDropsWork();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileOutput out = new FileOutput(channel, file)) {
            for (long left = size; left > 0; left -= block.length) out.write(block);
            out.force(); // waits for the background force, and so for its drop
        }
        assertFalse(cached(file, 0, MIB), "the first step was forced in the background and dropped");
        assertFalse(cached(file, FileOutput.WRITEBACK - MIB, MIB), "up to its end");
        assertTrue(cached(file, size - MIB, MIB), "the tail was forced at the end and stays");
        assertEquals(size, Files.size(file));
    }

    /** Skips the test where this file system keeps its pages whatever the advice. */
    private void assumeDropsWork() throws IOException {
        Path file = Files.write(dir.resolve("probe"), random(MIB, 5));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(false);
        }
        PageCache.drop(file, 0, Files.size(file));
        assumeFalse(cached(file, 0, Files.size(file)), "this file system keeps its pages (tmpfs?)");
    }

    /** Whether every page of {@code [offset, offset + length)} is in the page cache. */
    private static boolean cached(Path file, long offset, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
            return mapping.isLoaded();
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
