package ferry.bench;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds blocking channel I/O, which ignores {@code SO_TIMEOUT}: {@link #guard} closes a resource when its deadline
 * passes, so the blocked read or write fails. Closing the returned handle disarms it. Thread-safe.
 */
final class Watchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private Watchdog() {}

    /** A handle whose close() disarms the guard. */
    interface Armed extends AutoCloseable {
        @Override
        void close();
    }

    static Armed guard(Closeable resource, Duration timeout) {
        ScheduledFuture<?> future = TIMER.schedule(() -> {
            try {
                resource.close();
            } catch (IOException e) {
                // Closing is all we can do; the blocked call will fail anyway.
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }
}
