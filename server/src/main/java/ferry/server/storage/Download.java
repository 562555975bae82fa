package ferry.server.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * A file opened for reading: its content and the size it had when opened. While it is open the path's read lock is
 * held, so the file cannot be deleted or renamed under the reader (an upload may still replace it: the reader keeps
 * the old content). The caller closes it on the thread that opened it.
 */
public final class Download implements Closeable {
    private final FileChannel channel;
    private final long size;
    private final PathLocks.Held lock;
    private InputStream content;

    Download(FileChannel channel, long size, PathLocks.Held lock) {
        this.channel = channel;
        this.size = size;
        this.lock = lock;
    }

    /** The content as a stream from the channel's position (the start, unless moved); made at the first call. */
    public InputStream content() {
        if (content == null) content = Channels.newInputStream(channel);
        return content;
    }

    /** The file itself, for positional reads and {@link FileChannel#transferTo}; it shares its position with {@link #content()}. */
    public FileChannel channel() {
        return channel;
    }

    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            lock.close();
        }
    }
}
