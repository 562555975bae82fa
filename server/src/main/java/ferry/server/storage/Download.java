package ferry.server.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A file opened for reading: its content and the size it had when opened. While it is open the path's read lock is
 * held, so the file cannot be deleted or renamed under the reader (an upload may still replace it: the reader keeps
 * the old content). The caller closes it on the thread that opened it.
 */
public final class Download implements Closeable {
    private final InputStream content;
    private final long size;
    private final PathLocks.Held lock;

    Download(InputStream content, long size, PathLocks.Held lock) {
        this.content = content;
        this.size = size;
        this.lock = lock;
    }

    public InputStream content() {
        return content;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        try {
            content.close();
        } finally {
            lock.close();
        }
    }
}
