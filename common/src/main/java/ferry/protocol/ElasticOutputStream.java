package ferry.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A buffered output stream whose buffer exists only between a write and the next flush: it starts at 2 KiB,
 * doubles up to 64 KiB while a transfer's frames pile up, and is dropped at flush. A connection waiting for its
 * next request so holds no buffer at all. Not thread-safe.
 */
final class ElasticOutputStream extends OutputStream {
    private static final int SMALL = ElasticInputStream.SMALL;
    private static final int LARGE = ElasticInputStream.LARGE;

    private final OutputStream out;
    private byte[] buffer;
    private int count;

    ElasticOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        reserve(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length >= LARGE) {
            drain();
            out.write(bytes, offset, length);
            return;
        }
        reserve(length);
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    /** Makes room for {@code length} more bytes: a larger buffer up to 64 KiB, then writing the full one out. */
    private void reserve(int length) throws IOException {
        if (buffer != null && count + length <= buffer.length) return;
        if (buffer != null && buffer.length == LARGE) {
            drain();
            return;
        }
        int size = buffer == null ? SMALL : buffer.length;
        while (size < count + length && size < LARGE) size *= 2;
        if (count + length > size) { // only when a LARGE buffer would still not hold it
            drain();
            size = LARGE;
        }
        byte[] larger = new byte[size];
        if (buffer != null) System.arraycopy(buffer, 0, larger, 0, count);
        buffer = larger;
    }

    private void drain() throws IOException {
        if (count > 0) out.write(buffer, 0, count);
        count = 0;
    }

    /**
     * Hands over what is buffered, for the caller to write ahead of its own bytes (a gathering write): the stream
     * forgets those bytes and its buffer. Null if nothing is buffered.
     */
    ByteBuffer takePending() {
        if (count == 0) return null;
        ByteBuffer pending = ByteBuffer.wrap(buffer, 0, count);
        buffer = null;
        count = 0;
        return pending;
    }

    /** Writes what is buffered, flushes, and lets the buffer go until the next write. */
    @Override
    public void flush() throws IOException {
        drain();
        buffer = null;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
