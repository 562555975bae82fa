package ferry.protocol;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A process-wide pool of 64 KiB direct buffers for streaming file content: a transfer takes one and gives it back
 * when it ends, so that neither an idle connection nor a small file pays for allocating and zeroing one. At most
 * {@link #KEPT} buffers (16 MiB) wait in the pool; more than that many transfers at once allocate the rest and let
 * them go. Thread-safe.
 */
public final class DirectBuffers {
    public static final int SIZE = 64 * 1024;
    static final int KEPT = 256;

    private static final ConcurrentLinkedQueue<ByteBuffer> pool = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger pooled = new AtomicInteger();

    private DirectBuffers() {}

    /** A cleared buffer of {@link #SIZE} bytes; give it back with {@link #release}. */
    public static ByteBuffer take() {
        ByteBuffer buffer = pool.poll();
        if (buffer == null) return ByteBuffer.allocateDirect(SIZE);
        pooled.decrementAndGet();
        return buffer.clear();
    }

    /** Gives back a buffer from {@link #take}; the caller must not touch it afterwards. */
    public static void release(ByteBuffer buffer) {
        if (pooled.incrementAndGet() <= KEPT) pool.offer(buffer);
        else pooled.decrementAndGet();
    }
}
