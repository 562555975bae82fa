package ferry.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Streams file content as CHUNK frames ended by END, and back, optionally compressed ({@link Encoding}). Both sides
 * compute CRC32C over the uncompressed bytes as they pass, so a file is never held in memory and the receiver can
 * verify the sender's count and checksum. A resumed transfer starts at an offset: the caller passes a CRC32C that
 * already covers the bytes before it, so END still speaks of the whole file.
 */
public final class Chunks {
    /** The Deflater level: 1 measured nearly as small as 6 on text at several times the speed (see the README). */
    public static final int DEFLATE_LEVEL = 1;
    private static final int PLAIN_BUFFER = 64 * 1024;
    private static final LongConsumer QUIET = bytes -> {};

    private Chunks() {}

    /**
     * What a receiver got: the whole file's byte count and checksum it computed (a resumed prefix included), the
     * END the sender announced, and the first failure writing the bytes away (null if none), after which the rest
     * of the chunks were read and dropped.
     */
    public record Received(long size, int crc32c, Frame.End announced, IOException writeFailure) {
        /** True if every byte was written and the count and checksum match what the sender announced. */
        public boolean verified() {
            return writeFailure == null && size == announced.size() && crc32c == announced.crc32c();
        }
    }

    /** Sends up to {@code limit} bytes of {@code in} as chunks of at most {@link Wire#MAX_CHUNK}, then END; returns the END. */
    public static Frame.End send(InputStream in, long limit, FrameWriter out) throws IOException {
        return send(in, limit, out, Encoding.NONE, new CRC32C(), 0, QUIET);
    }

    /**
     * Sends up to {@code limit} bytes of {@code in} encoded with {@code encoding}, then END. {@code crc} already covers
     * the {@code offset} bytes before them (a resume); {@code progress} hears the whole file's byte count so far
     * after each read. Returns the END, which counts the whole file.
     */
    public static Frame.End send(InputStream in, long limit, FrameWriter out, Encoding encoding, CRC32C crc, long offset,
                                 LongConsumer progress) throws IOException {
        long sent = switch (encoding) {
            case NONE -> sendPlain(in, limit, out, crc, offset, progress);
            case DEFLATE -> sendDeflated(in, limit, out, crc, offset, progress);
        };
        Frame.End end = new Frame.End(offset + sent, (int) crc.getValue());
        out.write(end);
        return end;
    }

    /**
     * Sends {@code limit} bytes of {@code file} from {@code position} as uncompressed chunks, then END; returns the END.
     * Positional reads into a pooled direct buffer ({@link DirectBuffers}), CRC32C over that buffer, and
     * {@link FrameWriter#writeChunks}: on a gathering output the content is copied once, from the page cache into
     * the buffer. Sends less if the file turns out shorter (END then says so). {@code crc} and {@code progress} as in
     * {@link #send(InputStream, long, FrameWriter, Encoding, CRC32C, long, LongConsumer)}.
     */
    public static Frame.End send(FileChannel file, long position, long limit, FrameWriter out, CRC32C crc,
                                 LongConsumer progress) throws IOException {
        ByteBuffer buffer = DirectBuffers.take();
        long sent = 0;
        try {
            while (sent < limit) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), limit - sent));
                if (!fill(file, position + sent, buffer)) break;
                buffer.flip();
                int length = buffer.remaining();
                crc.update(buffer);
                buffer.rewind();
                out.writeChunks(buffer);
                sent += length;
                progress.accept(position + sent);
            }
        } finally {
            DirectBuffers.release(buffer);
        }
        Frame.End end = new Frame.End(position + sent, (int) crc.getValue());
        out.write(end);
        return end;
    }

    /** Reads from {@code position} until {@code buffer} is full or the file ends; false if it read nothing. */
    private static boolean fill(FileChannel file, long position, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) break;
        }
        return buffer.position() > 0;
    }

    /** A CRC32C over the first {@code length} bytes of {@code file}; fails if it is shorter. */
    public static CRC32C crcOf(FileChannel file, long length) throws IOException {
        CRC32C crc = new CRC32C();
        if (length == 0) return crc;
        ByteBuffer buffer = DirectBuffers.take();
        try {
            long done = 0;
            while (done < length) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), length - done));
                if (!fill(file, done, buffer) || buffer.hasRemaining()) {
                    throw new EOFException("file shorter than " + length + " bytes");
                }
                buffer.flip();
                crc.update(buffer);
                done += buffer.limit();
            }
        } finally {
            DirectBuffers.release(buffer);
        }
        return crc;
    }

    private static long sendPlain(InputStream in, long limit, FrameWriter out, CRC32C crc, long offset,
                                  LongConsumer progress) throws IOException {
        byte[] buffer = new byte[(int) Math.max(1, Math.min(PLAIN_BUFFER, limit))]; // blocks of reads, 1 KiB chunks
        long size = 0;
        int n;
        while (size < limit && (n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, limit - size))) > 0) {
            crc.update(buffer, 0, n);
            out.writeChunks(ByteBuffer.wrap(buffer, 0, n));
            size += n;
            progress.accept(offset + size);
        }
        return size;
    }

    private static long sendDeflated(InputStream in, long limit, FrameWriter out, CRC32C crc, long offset,
                                     LongConsumer progress) throws IOException {
        Deflater deflater = new Deflater(DEFLATE_LEVEL);
        try {
            byte[] plain = new byte[PLAIN_BUFFER];
            FullChunks chunks = new FullChunks(out);
            long size = 0;
            int n;
            while (size < limit && (n = in.readNBytes(plain, 0, (int) Math.min(plain.length, limit - size))) > 0) {
                crc.update(plain, 0, n);
                size += n;
                deflater.setInput(plain, 0, n);
                while (!deflater.needsInput()) chunks.drain(deflater);
                progress.accept(offset + size);
            }
            deflater.finish();
            while (!deflater.finished()) chunks.drain(deflater);
            chunks.flush();
            return size;
        } finally {
            deflater.end();
        }
    }

    /** Collects a deflater's output into full chunks of {@link Wire#MAX_CHUNK} bytes; the last may be shorter. */
    private static final class FullChunks {
        private final FrameWriter out;
        private final byte[] chunk = new byte[Wire.MAX_CHUNK];
        private int filled;

        FullChunks(FrameWriter out) {
            this.out = out;
        }

        void drain(Deflater deflater) throws IOException {
            filled += deflater.deflate(chunk, filled, chunk.length - filled);
            if (filled == chunk.length) flush();
        }

        void flush() throws IOException {
            if (filled > 0) out.writeChunk(chunk, 0, filled);
            filled = 0;
        }
    }

    /** Receives uncompressed chunks into {@code out} until END; see the full form. */
    public static Received receive(FrameReader in, OutputStream out, long limit) throws IOException {
        return receive(in, out, limit, Encoding.NONE, new CRC32C(), 0, QUIET);
    }

    /**
     * Receives chunks encoded with {@code encoding} into {@code out} until END. More than {@code limit} (uncompressed)
     * bytes, corrupt compressed data, or any frame other than CHUNK and END, is a protocol error: the stream is then
     * out of step and the connection must close. A failure of {@code out} does not stop the reading, so the
     * connection stays in step; it is reported in the result. {@code crc} already covers the {@code offset} bytes
     * before these (a resume); {@code progress} hears the whole file's byte count so far as bytes are written.
     */
    public static Received receive(FrameReader in, OutputStream out, long limit, Encoding encoding, CRC32C crc, long offset,
                                   LongConsumer progress) throws IOException {
        Sink sink = new Sink(out, limit, crc);
        if (encoding == Encoding.NONE) return receivePlain(in, sink, limit, offset, progress);
        Inflater inflater = new Inflater();
        try {
            while (true) {
                switch (in.read()) {
                    case Frame.Chunk(byte[] bytes) -> {
                        inflate(inflater, bytes, sink);
                        progress.accept(offset + sink.size);
                    }
                    case Frame.End end -> {
                        return new Received(offset + sink.size, (int) crc.getValue(), end, sink.writeFailure);
                    }
                    case Frame other -> throw new ProtocolException("expected CHUNK or END, got " + other.getClass().getSimpleName());
                }
            }
        } finally {
            inflater.end();
        }
    }

    /**
     * Uncompressed chunks are read straight into one block ({@link FrameReader#readChunk}) and handed to the sink when
     * the block is full or everything that has arrived is in it: on a fast link one checksum update and one write per
     * 64 KiB, with no allocation per chunk; on a slow one, every arrival is written (and its progress heard) at once.
     */
    private static Received receivePlain(FrameReader in, Sink sink, long limit, long offset, LongConsumer progress)
            throws IOException {
        long expected = Math.min(Math.max(0, limit), PLAIN_BUFFER); // a peer may announce up to Long.MAX_VALUE
        byte[] block = new byte[(int) Math.min(PLAIN_BUFFER, expected + Wire.MAX_CHUNK)];
        int filled = 0;
        while (true) {
            int n;
            try {
                n = in.readChunk(block, filled);
            } catch (IOException e) {
                // The connection broke or turned hostile: what arrived before is kept (a resumable upload's
                // partial, a download kept for get -c), up to the announced size.
                if (filled > 0) keepBeforeFailing(sink, block, filled, e);
                throw e;
            }
            if (n > 0) {
                filled += n;
                if (filled <= block.length - Wire.MAX_CHUNK && !in.caughtUp()) continue;
            }
            if (filled > 0) {
                sink.accept(block, filled);
                filled = 0;
                progress.accept(offset + sink.size);
            }
            if (n > 0) continue;
            switch (in.read()) {
                case Frame.End end -> {
                    return new Received(offset + sink.size, (int) sink.crc.getValue(), end, sink.writeFailure);
                }
                case Frame other -> throw new ProtocolException("expected CHUNK or END, got " + other.getClass().getSimpleName());
            }
        }
    }

    private static void inflate(Inflater inflater, byte[] bytes, Sink sink) throws IOException {
        if (inflater.finished()) throw new ProtocolException("data after the end of the compressed stream");
        inflater.setInput(bytes);
        byte[] plain = sink.plain();
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                int remaining = inflater.getRemaining();
                int n = inflater.inflate(plain); // 0 is fine while it consumes input (a block header)
                if (n == 0 && (inflater.needsDictionary() || inflater.getRemaining() == remaining)) {
                    throw new ProtocolException("corrupt compressed data: the stream makes no progress");
                }
                sink.accept(plain, n);
            }
        } catch (DataFormatException e) {
            throw new ProtocolException("corrupt compressed data: " + e.getMessage());
        }
    }

    private static void keepBeforeFailing(Sink sink, byte[] block, int filled, IOException failure) {
        try {
            sink.accept(block, filled);
        } catch (ProtocolException overLimit) {
            failure.addSuppressed(overLimit); // nothing past the announced size is ever written
        }
    }

    /** Where received bytes go: counted against the limit, checksummed, written until the first write failure. */
    private static final class Sink {
        private final OutputStream out;
        private final long limit;
        private final CRC32C crc;
        private byte[] plain;
        long size;
        IOException writeFailure;

        Sink(OutputStream out, long limit, CRC32C crc) {
            this.out = out;
            this.limit = limit;
            this.crc = crc;
        }

        byte[] plain() {
            if (plain == null) plain = new byte[PLAIN_BUFFER];
            return plain;
        }

        /** Takes {@code length} bytes; past the limit it takes the bytes within it, then fails. */
        void accept(byte[] bytes, int length) throws ProtocolException {
            if (length > limit - size) {
                take(bytes, (int) (limit - size));
                throw new ProtocolException("more than the announced " + limit + " bytes");
            }
            take(bytes, length);
        }

        private void take(byte[] bytes, int length) {
            size += length;
            crc.update(bytes, 0, length);
            if (writeFailure != null) return;
            try {
                out.write(bytes, 0, length);
            } catch (IOException e) {
                writeFailure = e;
            }
        }
    }

    /** A CRC32C over exactly the first {@code length} bytes of {@code in}, which is left just after them. */
    public static CRC32C crcOf(InputStream in, long length) throws IOException {
        CRC32C crc = new CRC32C();
        if (length == 0) return crc;
        byte[] buffer = new byte[(int) Math.min(PLAIN_BUFFER, length)];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) throw new EOFException("file shorter than " + length + " bytes");
            crc.update(buffer, 0, n);
            left -= n;
        }
        return crc;
    }
}
