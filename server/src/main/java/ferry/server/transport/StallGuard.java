package ferry.server.transport;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A socket's output that remembers since when a write has been blocked, because the socket's read timeout does not
 * bound writes: a client that stops reading a download would otherwise hold its session, and the file's lock,
 * until shutdown. The sessions' watchdogs close connections stalled longer than the idle timeout.
 */
public final class StallGuard extends FilterOutputStream {
    private volatile long writingSince;

    public StallGuard(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        writingSince = System.nanoTime();
        try {
            out.write(bytes, offset, length);
        } finally {
            writingSince = 0;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** How long the write in progress has been blocked, in nanoseconds; 0 when none is. */
    public long stalledNanos() {
        long since = writingSince;
        return since == 0 ? 0 : System.nanoTime() - since;
    }
}
