package ferry.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Streams file content as CHUNK frames ended by END, and back. Both sides compute CRC32C over the bytes as they
 * pass, so a file is never held in memory and the receiver can verify the sender's count and checksum.
 */
public final class Chunks {
    private Chunks() {}

    /**
     * What a receiver got: the byte count and checksum it computed, the END the sender announced, and the first
     * failure writing the bytes away (null if none), after which the rest of the chunks were read and dropped.
     */
    public record Received(long size, int crc32c, Frame.End announced, IOException writeFailure) {
        /** True if every byte was written and the count and checksum match what the sender announced. */
        public boolean verified() {
            return writeFailure == null && size == announced.size() && crc32c == announced.crc32c();
        }
    }

    /** Sends up to {@code limit} bytes of {@code in} as chunks of at most {@link Wire#MAX_CHUNK}, then END; returns the END. */
    public static Frame.End send(InputStream in, long limit, FrameWriter out) throws IOException {
        byte[] buffer = new byte[Wire.MAX_CHUNK];
        CRC32C crc = new CRC32C();
        long size = 0;
        int n;
        while (size < limit && (n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, limit - size))) > 0) {
            crc.update(buffer, 0, n);
            out.writeChunk(buffer, 0, n);
            size += n;
        }
        Frame.End end = new Frame.End(size, (int) crc.getValue());
        out.write(end);
        return end;
    }

    /**
     * Receives chunks into {@code out} until END. More than {@code limit} bytes, or any frame other than CHUNK and
     * END, is a protocol error: the stream is then out of step and the connection must close. A failure of
     * {@code out} does not stop the reading, so the connection stays in step; it is reported in the result.
     */
    public static Received receive(FrameReader in, OutputStream out, long limit) throws IOException {
        CRC32C crc = new CRC32C();
        long size = 0;
        IOException writeFailure = null;
        while (true) {
            switch (in.read()) {
                case Frame.Chunk(byte[] bytes) -> {
                    size += bytes.length;
                    if (size > limit) throw new ProtocolException("more than the announced " + limit + " bytes");
                    crc.update(bytes);
                    writeFailure = writeFailure != null ? writeFailure : write(out, bytes);
                }
                case Frame.End end -> {
                    return new Received(size, (int) crc.getValue(), end, writeFailure);
                }
                case Frame other -> throw new ProtocolException("expected CHUNK or END, got " + other.getClass().getSimpleName());
            }
        }
    }

    private static IOException write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            return null;
        } catch (IOException e) {
            return e;
        }
    }
}
