package ferry.protocol;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered input stream whose buffer follows the traffic: 2 KiB while requests are small, doubling up to 64 KiB
 * while reads keep filling it (a transfer), and back to 2 KiB once they don't. An idle connection, blocked in a
 * read, so holds 2 KiB instead of 64: what lets a server keep ten thousand of them. Not thread-safe.
 */
final class ElasticInputStream extends InputStream {
    static final int SMALL = 2 * 1024;
    static final int LARGE = 64 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[0];
    private int position;
    private int count;
    private int nextSize = SMALL;

    ElasticInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (position == count && !fill()) return -1;
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) return 0;
        if (position == count) {
            if (length >= LARGE) return in.read(bytes, offset, length); // no point copying through the buffer
            if (!fill()) return -1;
        }
        int n = Math.min(length, count - position);
        System.arraycopy(buffer, position, bytes, offset, n);
        position += n;
        return n;
    }

    /** Refills the empty buffer with one read, choosing its size from how full the last read left it. */
    private boolean fill() throws IOException {
        if (buffer.length != nextSize) buffer = new byte[nextSize];
        position = 0;
        count = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) return false;
        count = n;
        if (n == buffer.length) nextSize = Math.min(LARGE, buffer.length * 2);
        else if (n < buffer.length / 4) nextSize = SMALL;
        return true;
    }

    /** Bytes already read from the source and not yet taken: what a read can return without waiting. */
    int buffered() {
        return count - position;
    }

    @Override
    public int available() throws IOException {
        return count - position + in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
