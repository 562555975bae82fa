package ferry.server.transport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One budget for the kernel send buffers of the downloads in progress, on both ports ({@code --send-budget}). A
 * download alone keeps the kernel's own sizing (autotuning, up to {@code net.ipv4.tcp_wmem}'s maximum, 4 MiB by
 * default); with several at once each socket gets an equal share ({@code SO_SNDBUF}), at least
 * {@link #MINIMUM_SHARE}, updated as downloads start and end (see {@code StallGuard}).
 *
 * <p>Why: with autotuning, each of 50 parallel downloads on loopback kept megabytes queued, and the receivers copied
 * them out of memory instead of the CPU's cache. Measured on this project's 2-core machine, 50 × 20 MB: 1,900-2,400
 * MB/s aggregate, the receiving clients using 5.2 s of CPU per 10 rounds; with a 2 MiB budget 2,800-3,900 MB/s, and
 * 1.5-3.0 s. The cost is on long paths: a share bounds what a download has in flight, so with 10 downloads at once
 * (200 KiB each, which the kernel doubles) a client 100 ms away gets at most ~4 MB/s. A server for distant clients
 * raises the budget, or turns it off with 0.
 */
public final class SendBudget {
    public static final int DEFAULT = 2 << 20;
    public static final int MINIMUM_SHARE = 64 << 10;
    /** The kernel sizes every send buffer. */
    public static final SendBudget OFF = new SendBudget(0);

    private final int bytes;
    private final AtomicInteger downloads = new AtomicInteger();

    /** A budget of {@code bytes}: 0 for none, else at least {@link #MINIMUM_SHARE}. */
    public SendBudget(int bytes) {
        if (bytes != 0 && bytes < MINIMUM_SHARE) {
            throw new IllegalArgumentException("the send budget must be 0 (off) or at least " + (MINIMUM_SHARE >> 10) + " KiB");
        }
        this.bytes = bytes;
    }

    /** The budget in bytes, 0 when off; also what a socket that had a share gets back when its download is alone again. */
    public int bytes() {
        return bytes;
    }

    /** A download in progress, counted until closed (once). */
    public interface Counted extends AutoCloseable {
        @Override
        void close();
    }

    Counted count() {
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
