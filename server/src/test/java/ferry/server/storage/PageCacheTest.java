package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropping uploads' pages from the page cache, seen through {@code mincore} ({@link MappedByteBuffer#isLoaded()}
 * of a mapping that touches nothing): the tests run with native access enabled, as the launcher runs the server.
 */
@Timeout(60)
class PageCacheTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void theAdviceReachesLinuxFromJava22() {
        boolean expected = "Linux".equals(System.getProperty("os.name")) && !"s390x".equals(System.getProperty("os.arch"))
                && Runtime.version().feature() >= 22;
        assertEquals(expected, PageCache.available());
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
        PageCache.drop(file, 0, 4 * MIB);
        assertFalse(cached(file, 0, 4 * MIB), "dropped");
        assertTrue(cached(file, 4 * MIB, 4 * MIB), "outside the range");
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void aFileThatIsNotThereIsNothingToDrop() {
        PageCache.drop(dir.resolve("absent"), 0, MIB);
        PageCache.drop(dir, 0, MIB); // a folder: posix_fadvise refuses, quietly
    }

    @Test
    void anUploadPastTheWritebackStepLeavesWhatIsOnTheDiskOutOfTheCache() throws IOException {
        assumeTrue(PageCache.available(), "no posix_fadvise from this JVM");
        Path file = dir.resolve("upload");
        byte[] block = random(MIB, 2);
        long size = FileOutput.WRITEBACK + 3 * MIB;
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
