package ferry.server.transport;

import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One budget for the kernel send buffers of the FTP port's downloads to clients on this machine
 * ({@code --send-budget}). A download alone keeps the kernel's own sizing (autotuning, up to
 * {@code net.ipv4.tcp_wmem}'s maximum, 4 MiB by default); with several at once each data connection gets an equal
 * share ({@code SO_SNDBUF}), at least {@link #MINIMUM_SHARE}, updated at its writes as downloads start and end (see
 * {@code StallGuard}). Linux caps what it is given at {@code net.core.wmem_max} (212,992 bytes on a stock kernel,
 * which doubles it for its bookkeeping): with the default budget, 2 to 9 downloads at once then get that cap each.
 *
 * <p>Why: a client on the same machine reads what the server sent through the same CPU caches. With autotuning,
 * each of 50 parallel downloads on loopback kept megabytes queued, and the receivers copied them out of memory
 * instead of the cache. Measured on this project's 2-core machine, 50 × 20 MB: 1,900-2,400 MB/s aggregate, the
 * receiving clients using 5.2 s of CPU per 10 rounds; with a 2 MiB budget 2,800-3,900 MB/s, and 1.5-3.0 s. Only
 * there: a remote client's bytes reach it through its own network card, and a share would only bound what a
 * download has in flight (with 10 at once, 200 KiB each: at most ~4 MB/s to a client 100 ms away). So downloads to
 * other machines are neither counted nor given a share ({@link #forPeerOf}). The framed port is left out: its
 * connections outlive a download, a socket once given a size cannot get the kernel's sizing back, and it gained
 * little (it copies and checksums every byte, and the CPU is its limit).
 */
public final class SendBudget {
    public static final int DEFAULT = 2 << 20;
    public static final int MINIMUM_SHARE = 64 << 10;
    /** Counts nothing and shares nothing: the kernel sizes every send buffer. */
    public static final SendBudget OFF = new SendBudget(0);

    private final int bytes;
    private final AtomicInteger downloads = new AtomicInteger();

    /** A budget of {@code bytes}: 0 for none, else at least {@link #MINIMUM_SHARE}. */
    public SendBudget(int bytes) {
        this.bytes = check(bytes);
    }

    /** {@code bytes} if it can be a budget, else an IllegalArgumentException that says what can. */
    public static int check(int bytes) {
        if (bytes != 0 && bytes < MINIMUM_SHARE) {
            throw new IllegalArgumentException("the send budget must be 0 (off) or at least " + (MINIMUM_SHARE >> 10) + " KiB");
        }
        return bytes;
    }

    /**
     * This budget for a connection whose peer is on this machine, else {@link #OFF}: the kernel sizes the send
     * buffers of connections to other machines.
     */
    public SendBudget forPeerOf(Socket socket) {
        return onThisMachine(socket.getInetAddress(), socket.getLocalAddress()) ? this : OFF;
    }

    /** A loopback peer, or one that is the connection's own local address; false when not connected. */
    static boolean onThisMachine(InetAddress peer, InetAddress local) {
        return peer != null && (peer.isLoopbackAddress() || (!peer.isAnyLocalAddress() && peer.equals(local)));
    }

    /** The budget in bytes, 0 when off; also what a socket that had a share gets back when its download is alone again. */
    public int bytes() {
        return bytes;
    }

    /** A download in progress, counted until closed (once). */
    public interface Counted extends AutoCloseable {
        Counted NONE = () -> {};

        @Override
        void close();
    }

    Counted count() {
        if (bytes == 0) return Counted.NONE;
        downloads.incrementAndGet();
        return new Counted() {
            private boolean closed;

            @Override
            public void close() {
                if (closed) return;
                closed = true;
                downloads.decrementAndGet();
            }
        };
    }

    /** The send buffer a downloading socket should have now; 0 while the kernel should size it. */
    int share() {
        int n = downloads.get();
        if (bytes == 0 || n <= 1) return 0;
        return Math.max(MINIMUM_SHARE, bytes / n);
    }
}
