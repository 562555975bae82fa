package ferry.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Uploads' way into a file: every byte in order, past the buffer and past a background writeback. */
@Timeout(60)
class FileOutputTest {
    @TempDir
    Path dir;

    @Test
    void bytesOfEveryShapeArriveInOrderFromTheChannelsPosition() throws IOException {
        Path file = dir.resolve("f");
        Files.write(file, new byte[] {9, 9, 9});
        byte[] expected;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE).position(2);
             FileOutput out = new FileOutput(channel, file)) {
            byte[] big = random(200_000, 1);
            out.write(1);
            out.write(big);
            out.write(big, 5, 70_000);
            out.force();
            expected = new byte[2 + 1 + big.length + 70_000];
            expected[0] = 9;
            expected[1] = 9;
            expected[2] = 1;
            System.arraycopy(big, 0, expected, 3, big.length);
            System.arraycopy(big, 5, expected, 3 + big.length, 70_000);
        }
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void anUploadLargerThanTheWritebackStepArrivesWhole() throws Exception {
        Path file = dir.resolve("big");
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        byte[] block = random(1 << 20, 2);
        long size = FileOutput.WRITEBACK * 2 + 12_345; // two background forces, then a tail
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileOutput out = new FileOutput(channel, file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                sent.update(block, 0, n);
                left -= n;
            }
            out.force();
        }
        assertEquals(size, Files.size(file));
        MessageDigest stored = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) stored.update(buffer, 0, n);
        }
        assertArrayEquals(sent.digest(), stored.digest());
    }

    @Test
    void writingAfterCloseFailsInsteadOfLosingBytes() throws IOException {
        Path file = dir.resolve("c");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            FileOutput out = new FileOutput(channel, file);
            out.close();
            out.close(); // idempotent
            assertThrows(IOException.class, out::flush);
            assertThrows(IOException.class, () -> out.write(new byte[1], 0, 1));
            assertThrows(IOException.class, () -> out.write(1));
        }
    }

    @Test
    void aWriteThatFailsHalfwayNeverWritesItsFirstHalfTwice() throws IOException {
        // A disk that fills up cannot be had for real here: a channel that takes 1,000 bytes, then fails.
        var disk = new FailingChannel(1_000);
        FileOutput out = new FileOutput(disk, dir.resolve("never-opened"));
        out.write(random(2_000, 3));
        IOException full = assertThrows(IOException.class, out::flush);
        assertEquals("disk full", full.getMessage());
        out.flush(); // what InPlaceUpload.close does after a failure: nothing more reaches the disk
        assertEquals(1_000, disk.written.size());
        assertThrows(IOException.class, () -> out.write(1), "later writes fail instead of going on");
        assertThrows(IOException.class, out::force, "and the upload cannot be committed");
        out.close();
    }

    /** Takes {@code capacity} bytes, then fails every write with "disk full". */
    private static final class FailingChannel extends FileChannel {
        final java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        private final int capacity;

        FailingChannel(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int write(java.nio.ByteBuffer src) throws IOException {
            int n = Math.min(src.remaining(), capacity - written.size());
            if (n == 0) throw new IOException("disk full");
            byte[] bytes = new byte[n];
            src.get(bytes);
            written.writeBytes(bytes);
            return n;
        }

        @Override public int read(java.nio.ByteBuffer dst) { throw new UnsupportedOperationException(); }
        @Override public long read(java.nio.ByteBuffer[] dsts, int offset, int length) { throw new UnsupportedOperationException(); }
        @Override public long write(java.nio.ByteBuffer[] srcs, int offset, int length) { throw new UnsupportedOperationException(); }
        @Override public long position() { return written.size(); }
        @Override public FileChannel position(long newPosition) { throw new UnsupportedOperationException(); }
        @Override public long size() { return written.size(); }
        @Override public FileChannel truncate(long size) { throw new UnsupportedOperationException(); }
        @Override public void force(boolean metaData) {}
        @Override public long transferTo(long position, long count, java.nio.channels.WritableByteChannel target) { throw new UnsupportedOperationException(); }
        @Override public long transferFrom(java.nio.channels.ReadableByteChannel src, long position, long count) { throw new UnsupportedOperationException(); }
        @Override public int read(java.nio.ByteBuffer dst, long position) { throw new UnsupportedOperationException(); }
        @Override public int write(java.nio.ByteBuffer src, long position) { throw new UnsupportedOperationException(); }
        @Override public java.nio.MappedByteBuffer map(MapMode mode, long position, long size) { throw new UnsupportedOperationException(); }
        @Override public java.nio.channels.FileLock lock(long position, long size, boolean shared) { throw new UnsupportedOperationException(); }
        @Override public java.nio.channels.FileLock tryLock(long position, long size, boolean shared) { throw new UnsupportedOperationException(); }
        @Override protected void implCloseChannel() {}
    }

    private static byte[] random(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
